package io.dataplatform.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.lakehouse.catalog.CatalogBrowser;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.metastore.QueryHistoryRepository;
import io.dataplatform.server.auth.AuthService;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.function.Consumer;

/** The route groups of the REST API at {@code /api/v1}. */
public final class ApiRoutes {
  private ApiRoutes() {}

  public static List<Consumer<RoutesConfig>> lakehouse(
      AuthService auth,
      SqlService sql,
      CatalogBrowser browser,
      QueryHistoryRepository history,
      ObjectMapper mapper) {
    return List.of(
        new AuthRoutes(auth, mapper)::register,
        new SqlRoutes(sql, mapper)::register,
        new QueryRoutes(history)::register,
        new CatalogRoutes(browser)::register);
  }
}
