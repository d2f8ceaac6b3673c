package io.dataplatform.server.http;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.rest.IcebergRestConfig;
import io.dataplatform.lakehouse.rest.IcebergRestHandler;
import io.dataplatform.lakehouse.rest.IcebergRestResponse;
import io.dataplatform.lakehouse.rest.TokenExchange;
import io.dataplatform.server.auth.AuthService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.Catalog;

/** Serves the Iceberg REST catalog at {@code /iceberg/v1/...} for Spark, Trino and PyIceberg. */
public final class IcebergRoutes {
  private static final String PREFIX = "/iceberg";
  private final IcebergRestHandler handler;

  /**
   * @param catalogProperties what clients are told to use (warehouse, file IO and its settings)
   */
  public IcebergRoutes(Catalog catalog, AuthService auth, Map<String, String> catalogProperties) {
    requireNonNull(auth, "auth");
    this.handler =
        new IcebergRestHandler(
            catalog,
            IcebergRestConfig.withDefaults(catalogProperties),
            new TokenExchange() {
              @Override
              public Optional<String> exchange(String clientId, String clientSecret) {
                return auth.authenticatePassword(clientId, clientSecret)
                    .or(() -> auth.authenticateToken(clientSecret))
                    .map(principal -> auth.login(principal).secret());
              }

              @Override
              public Optional<String> refresh(String subjectToken) {
                return auth.authenticateToken(subjectToken)
                    .map(principal -> auth.login(principal).secret());
              }
            });
  }

  public void register(RoutesConfig routes) {
    routes.get(PREFIX + "/*", this::handle);
    routes.head(PREFIX + "/*", this::handle);
    routes.post(PREFIX + "/*", this::handle);
    routes.delete(PREFIX + "/*", this::handle);
  }

  private void handle(Context context) {
    IcebergRestResponse response =
        handler.handle(
            context.method().name(),
            context.path().substring(PREFIX.length()),
            context.queryParamMap(),
            context.body());
    context.status(response.status());
    if (!response.jsonBody().isEmpty()) {
      context.contentType("application/json").result(response.jsonBody());
    }
  }
}
