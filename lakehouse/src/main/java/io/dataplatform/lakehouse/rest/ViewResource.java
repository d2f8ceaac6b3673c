package io.dataplatform.lakehouse.rest;

import static java.util.Objects.requireNonNull;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;

/** The view endpoints, served when the catalog is a {@link ViewCatalog}. */
final class ViewResource {
  private final Catalog catalog;
  private final RestJson json;

  ViewResource(Catalog catalog, RestJson json) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.json = requireNonNull(json, "json");
  }

  boolean supported() {
    return catalog instanceof ViewCatalog;
  }

  IcebergRestResponse list(Namespace namespace, QueryParameters query) {
    ViewCatalog views = views("list views");
    return IcebergRestResponse.ok(
        json.write(
            Pages.list(
                "list views",
                query,
                (token, size) -> CatalogHandlers.listViews(views, namespace, token, size),
                () -> CatalogHandlers.listViews(views, namespace))));
  }

  IcebergRestResponse create(Namespace namespace, String body) {
    ViewCatalog views = views("create a view");
    CreateViewRequest request = json.read(body, CreateViewRequest.class);
    Namespaces.requireExists(catalog, namespace);
    return IcebergRestResponse.ok(
        json.write(CatalogHandlers.createView(views, namespace, request)));
  }

  IcebergRestResponse load(TableIdentifier identifier) {
    return IcebergRestResponse.ok(
        json.write(CatalogHandlers.loadView(views("load a view"), identifier)));
  }

  IcebergRestResponse exists(TableIdentifier identifier) {
    CatalogHandlers.viewExists(views("check a view"), identifier);
    return IcebergRestResponse.noContent();
  }

  IcebergRestResponse replace(TableIdentifier identifier, String body) {
    ViewCatalog views = views("replace a view");
    UpdateTableRequest request = json.read(body, UpdateTableRequest.class);
    return IcebergRestResponse.ok(
        json.write(CatalogHandlers.updateView(views, identifier, request)));
  }

  IcebergRestResponse drop(TableIdentifier identifier) {
    CatalogHandlers.dropView(views("drop a view"), identifier);
    return IcebergRestResponse.noContent();
  }

  IcebergRestResponse rename(String body) {
    ViewCatalog views = views("rename a view");
    CatalogHandlers.renameView(views, json.read(body, RenameTableRequest.class));
    return IcebergRestResponse.noContent();
  }

  private ViewCatalog views(String action) {
    if (catalog instanceof ViewCatalog views) {
      return views;
    }
    throw new UnsupportedOperationException(
        "Cannot " + action + ": the catalog does not support views (" + catalog.name() + ")");
  }
}
