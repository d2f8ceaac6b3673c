package io.dataplatform.lakehouse.rest;

import static java.util.Objects.requireNonNull;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;

/** The namespace endpoints, served when the catalog supports namespaces. */
final class NamespaceResource {
  private final Catalog catalog;
  private final RestJson json;

  NamespaceResource(Catalog catalog, RestJson json) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.json = requireNonNull(json, "json");
  }

  boolean supported() {
    return catalog instanceof SupportsNamespaces;
  }

  IcebergRestResponse list(QueryParameters query) {
    SupportsNamespaces namespaces = namespaces("list namespaces");
    Namespace parent =
        query.first("parent").map(RestPath::decodeNamespace).orElse(Namespace.empty());
    return IcebergRestResponse.ok(
        json.write(
            Pages.list(
                "list namespaces",
                query,
                (token, size) -> CatalogHandlers.listNamespaces(namespaces, parent, token, size),
                () -> CatalogHandlers.listNamespaces(namespaces, parent))));
  }

  IcebergRestResponse create(String body) {
    SupportsNamespaces namespaces = namespaces("create a namespace");
    CreateNamespaceRequest request = json.read(body, CreateNamespaceRequest.class);
    return IcebergRestResponse.ok(json.write(CatalogHandlers.createNamespace(namespaces, request)));
  }

  IcebergRestResponse load(Namespace namespace) {
    SupportsNamespaces namespaces = namespaces("load a namespace");
    return IcebergRestResponse.ok(json.write(CatalogHandlers.loadNamespace(namespaces, namespace)));
  }

  IcebergRestResponse exists(Namespace namespace) {
    CatalogHandlers.namespaceExists(namespaces("check a namespace"), namespace);
    return IcebergRestResponse.noContent();
  }

  IcebergRestResponse drop(Namespace namespace) {
    CatalogHandlers.dropNamespace(namespaces("drop a namespace"), namespace);
    return IcebergRestResponse.noContent();
  }

  IcebergRestResponse updateProperties(Namespace namespace, String body) {
    SupportsNamespaces namespaces = namespaces("update namespace properties");
    UpdateNamespacePropertiesRequest request =
        json.read(body, UpdateNamespacePropertiesRequest.class);
    return IcebergRestResponse.ok(
        json.write(CatalogHandlers.updateNamespaceProperties(namespaces, namespace, request)));
  }

  private SupportsNamespaces namespaces(String action) {
    if (catalog instanceof SupportsNamespaces namespaces) {
      return namespaces;
    }
    throw new UnsupportedOperationException(
        "Cannot " + action + ": the catalog does not support namespaces (" + catalog.name() + ")");
  }
}
