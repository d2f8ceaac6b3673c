package io.dataplatform.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.server.auth.AuthService;
import io.dataplatform.server.auth.Principal;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The HTTP listener: web UI at {@code /}, REST API at {@code /api/v1}, and any other route groups
 * the server registers. Every route but health, login and the UI's static files needs a Basic or
 * Bearer {@code Authorization} header.
 */
public final class HttpApi implements AutoCloseable {
  private static final String UI_FOLDER = "META-INF/dp-ui";
  private static final List<String> PUBLIC_PATHS =
      List.of("/api/v1/health", "/api/v1/auth/login", "/iceberg/v1/oauth/tokens");

  private final Javalin app;
  private final String host;
  private final int port;

  /**
   * @param routes route groups registered after the built-in ones (e.g. the Iceberg REST catalog)
   */
  public HttpApi(
      String host,
      int port,
      AuthService auth,
      ObjectMapper mapper,
      String version,
      List<Consumer<RoutesConfig>> routes) {
    this.host = requireNonNull(host, "host");
    this.port = port;
    requireNonNull(auth, "auth");
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.http.maxRequestSize = 64L * 1024 * 1024;
              if (HttpApi.class.getClassLoader().getResource(UI_FOLDER + "/index.html") != null) {
                config.staticFiles.add(
                    files -> {
                      files.hostedPath = "/";
                      files.directory = "/" + UI_FOLDER;
                      files.location = Location.CLASSPATH;
                    });
              }
              registerRoutes(config.routes, auth, version, routes);
            });
  }

  private static void registerRoutes(
      RoutesConfig config, AuthService auth, String version, List<Consumer<RoutesConfig>> routes) {
    config.before(context -> authenticate(context, auth));
    config.exception(DpException.class, (error, context) -> ErrorResponses.write(context, error));
    config.exception(
        Exception.class, (error, context) -> ErrorResponses.unexpected(context, error));
    config.error(
        404,
        context -> {
          if (context.result() == null || context.result().isEmpty()) {
            ErrorResponses.write(
                context,
                new DpException(
                    StandardErrorCode.NOT_FOUND,
                    "Cannot find route: " + context.method() + " " + context.path()));
          }
        });
    config.get(
        "/api/v1/health", context -> context.json(Map.of("status", "UP", "version", version)));
    for (Consumer<RoutesConfig> group : routes) {
      group.accept(config);
    }
  }

  private static void authenticate(Context context, AuthService auth) {
    String path = context.path();
    boolean protectedPath = path.startsWith("/api/") || path.startsWith("/iceberg/");
    if (!protectedPath
        || PUBLIC_PATHS.contains(path)
        || "OPTIONS".equals(context.method().name())) {
      return;
    }
    Optional<Principal> principal = auth.authenticateHeader(context.header("Authorization"));
    if (principal.isEmpty()) {
      context.header("WWW-Authenticate", "Basic realm=\"dp\", Bearer");
      throw new DpException(
          StandardErrorCode.NOT_AUTHENTICATED,
          "Cannot authenticate: credentials are missing or not valid");
    }
    RequestPrincipal.set(context, principal.get());
  }

  public HttpApi start() {
    app.start(host, port);
    return this;
  }

  /** The bound port (useful when 0 was asked for). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
