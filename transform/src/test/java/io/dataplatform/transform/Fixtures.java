package io.dataplatform.transform;

import java.net.URISyntaxException;
import java.nio.file.Path;

final class Fixtures {
  private Fixtures() {}

  static Path project(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/projects/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
