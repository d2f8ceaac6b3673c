package io.dataplatform.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.Connector;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every connector class of this module is registered with {@link java.util.ServiceLoader}: a
 * connector that forgot its {@code META-INF/services} line fails here, not in front of a user.
 */
class TestConnectorRegistration {
  @Test
  void everyConnectorClassIsRegistered() throws Exception {
    Set<String> registered =
        ConnectorRegistry.load().connectors().stream()
            .map(connector -> connector.getClass().getName())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> implemented = connectorClasses();
    assertEquals(implemented, registered, "connector classes versus META-INF/services entries");
  }

  @Test
  void typesAreUniqueAndNamed() {
    for (Connector connector : ConnectorRegistry.load().connectors()) {
      assertTrue(
          connector.type().matches("[a-z][a-z0-9_]*"),
          "type names are lower-case words: " + connector.type());
    }
  }

  @Test
  void unknownTypeListsTheKnownOnes() {
    DpException error =
        assertThrows(DpException.class, () -> ConnectorRegistry.of(List.of()).connector("oracle"));
    assertEquals(
        "Cannot find connector: no source type 'oracle'; no connectors are installed",
        error.getMessage());
  }

  /** Concrete classes implementing {@link Connector} in this module's compiled classes. */
  private static Set<String> connectorClasses() throws IOException, URISyntaxException {
    Path classes =
        Path.of(
            ConnectorRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String relative = classes.relativize(file).toString();
        if (!relative.endsWith(".class") || relative.contains("$")) {
          continue;
        }
        String name = relative.substring(0, relative.length() - 6).replace('/', '.');
        Class<?> type = load(name);
        if (type != null
            && Connector.class.isAssignableFrom(type)
            && !type.isInterface()
            && !Modifier.isAbstract(type.getModifiers())) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, TestConnectorRegistration.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
