package io.dataplatform.server.http;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.TableId;
import io.dataplatform.lakehouse.catalog.CatalogBrowser;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** Namespaces, tables and views of the lakehouse, for the schema browser and catalog pages. */
final class CatalogRoutes {
  private final CatalogBrowser browser;

  CatalogRoutes(CatalogBrowser browser) {
    this.browser = requireNonNull(browser, "browser");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/catalog/namespaces", this::namespaces);
    routes.get("/api/v1/catalog/namespaces/{namespace}/objects", this::objects);
    routes.get("/api/v1/catalog/namespaces/{namespace}/objects/{name}", this::describe);
  }

  private void namespaces(Context context) {
    context.json(
        Map.of(
            "namespaces",
            browser.namespaces().stream().map(name -> Map.of("name", name)).toList()));
  }

  private void objects(Context context) {
    context.json(
        Map.of(
            "objects",
            browser.objects(context.pathParam("namespace")).stream()
                .map(
                    object -> {
                      Map<String, Object> json = new java.util.LinkedHashMap<>();
                      json.put("name", object.name());
                      json.put("kind", object.kind().name());
                      return json;
                    })
                .toList()));
  }

  private void describe(Context context) {
    TableId id = TableId.of(context.pathParam("namespace"), context.pathParam("name"));
    context.json(browser.describe(id));
  }
}
