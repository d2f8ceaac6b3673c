package io.dataplatform.lakehouse.rest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.responses.ConfigResponse;

/**
 * Serves an Iceberg {@link Catalog} over the Iceberg REST catalog protocol, so that Spark, Trino,
 * Flink and PyIceberg attach to it. Independent of any HTTP framework: the server passes each
 * request under its mount point (e.g. {@code /iceberg}) to {@link #handle} and sends back the
 * {@link IcebergRestResponse}. Authentication is the server's job; the token endpoint {@code POST
 * /v1/oauth/tokens} is answered through the {@link TokenExchange} given here.
 *
 * <p>Namespace endpoints need a catalog that implements {@link SupportsNamespaces}; view endpoints
 * need a {@link ViewCatalog}. The config endpoint advertises exactly the endpoints served. Paths
 * have no prefix ({@code /v1/namespaces}, not {@code /v1/{prefix}/namespaces}). Thread-safe if the
 * catalog is.
 */
public final class IcebergRestHandler {
  /** The OAuth2 token endpoint, the one path clients call without a bearer token. */
  public static final String TOKEN_ENDPOINT_PATH = "/v1/oauth/tokens";

  private static final String GET = "GET";
  private static final String HEAD = "HEAD";
  private static final String POST = "POST";
  private static final String DELETE = "DELETE";
  private static final String V1 = "v1";
  private static final String NAMESPACES = "namespaces";
  private static final String ANY = "*";

  private final IcebergRestConfig config;
  private final RestJson json;
  private final NamespaceResource namespaces;
  private final TableResource tables;
  private final ViewResource views;
  private final OAuthTokenEndpoint tokens;

  public IcebergRestHandler(
      Catalog catalog, IcebergRestConfig config, TokenExchange tokenExchange) {
    requireNonNull(catalog, "catalog");
    this.config = requireNonNull(config, "config");
    this.json = new RestJson();
    this.namespaces = new NamespaceResource(catalog, json);
    this.tables = new TableResource(catalog, json);
    this.views = new ViewResource(catalog, json);
    this.tokens =
        new OAuthTokenEndpoint(requireNonNull(tokenExchange, "tokenExchange"), json.mapper());
  }

  /** A handler whose config endpoint returns these defaults and whose token endpoint is closed. */
  public IcebergRestHandler(Catalog catalog, Map<String, String> configDefaults) {
    this(catalog, IcebergRestConfig.withDefaults(configDefaults), TokenExchange.disabled());
  }

  /**
   * Answers one request. Failures never escape: they become an Iceberg {@code ErrorResponse} body
   * ({@code {"error":{"message","type","code"}}}): 404 for a missing namespace, table, view or
   * endpoint, 409 for an existing one or a commit conflict, 400 for a malformed request, 405 for a
   * wrong method, 406 for an operation the catalog does not support, the code's status for a {@link
   * io.dataplatform.api.DpException}, and 500 (message only, stack logged) for the rest.
   *
   * @param method the HTTP method, e.g. {@code GET}
   * @param path the path after the mount point, still percent-encoded, e.g. {@code
   *     /v1/namespaces/a%1Fb/tables/t}
   * @param query the decoded query parameters
   * @param body the request body (JSON, or a form for the token endpoint); empty or null if none
   */
  public IcebergRestResponse handle(
      String method, String path, Map<String, List<String>> query, String body) {
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    try {
      return route(
          method.toUpperCase(Locale.ROOT),
          RestPath.parse(path),
          new QueryParameters(query == null ? Map.of() : query),
          body == null ? "" : body);
    } catch (RuntimeException failure) {
      // the protocol boundary: every failure is reported to the client as an ErrorResponse
      return RestErrors.toResponse(failure);
    }
  }

  private IcebergRestResponse route(
      String method, RestPath path, QueryParameters query, String body) {
    if (path.matches(V1, "config")) {
      return only(GET, method, path, this::config);
    } else if (path.matches(V1, "oauth", "tokens")) {
      return only(POST, method, path, () -> tokens.issue(body));
    } else if (path.matches(V1, "tables", "rename")) {
      return only(POST, method, path, () -> tables.rename(body));
    } else if (path.matches(V1, "views", "rename")) {
      return only(POST, method, path, () -> views.rename(body));
    } else if (path.matches(V1, "transactions", "commit")) {
      return only(POST, method, path, () -> tables.commitTransaction(body));
    } else if (path.matches(V1, NAMESPACES)) {
      return namespaces(method, path, query, body);
    } else if (path.matches(V1, NAMESPACES, ANY)) {
      return namespace(method, path);
    } else if (path.matches(V1, NAMESPACES, ANY, "properties")) {
      return only(POST, method, path, () -> namespaces.updateProperties(path.namespace(2), body));
    } else if (path.matches(V1, NAMESPACES, ANY, "register")) {
      return only(POST, method, path, () -> tables.register(path.namespace(2), body));
    } else if (path.matches(V1, NAMESPACES, ANY, "tables")) {
      return tables(method, path, query, body);
    } else if (path.matches(V1, NAMESPACES, ANY, "tables", ANY)) {
      return table(method, path, query, body);
    } else if (path.matches(V1, NAMESPACES, ANY, "tables", ANY, "metrics")) {
      return only(POST, method, path, () -> tables.reportMetrics(path.identifier(2, 4), body));
    } else if (path.matches(V1, NAMESPACES, ANY, "views")) {
      return views(method, path, query, body);
    } else if (path.matches(V1, NAMESPACES, ANY, "views", ANY)) {
      return view(method, path, body);
    }
    throw RouteException.notFound(method, path);
  }

  private IcebergRestResponse namespaces(
      String method, RestPath path, QueryParameters query, String body) {
    return switch (method) {
      case GET -> namespaces.list(query);
      case POST -> namespaces.create(body);
      default -> throw RouteException.methodNotAllowed(method, path);
    };
  }

  private IcebergRestResponse namespace(String method, RestPath path) {
    Namespace namespace = path.namespace(2);
    return switch (method) {
      case GET -> namespaces.load(namespace);
      case HEAD -> namespaces.exists(namespace);
      case DELETE -> namespaces.drop(namespace);
      default -> throw RouteException.methodNotAllowed(method, path);
    };
  }

  private IcebergRestResponse tables(
      String method, RestPath path, QueryParameters query, String body) {
    return switch (method) {
      case GET -> tables.list(path.namespace(2), query);
      case POST -> tables.create(path.namespace(2), body);
      default -> throw RouteException.methodNotAllowed(method, path);
    };
  }

  private IcebergRestResponse table(
      String method, RestPath path, QueryParameters query, String body) {
    TableIdentifier identifier = path.identifier(2, 4);
    return switch (method) {
      case GET -> tables.load(identifier);
      case HEAD -> tables.exists(identifier);
      case POST -> tables.update(identifier, body);
      case DELETE -> tables.drop(identifier, query);
      default -> throw RouteException.methodNotAllowed(method, path);
    };
  }

  private IcebergRestResponse views(
      String method, RestPath path, QueryParameters query, String body) {
    return switch (method) {
      case GET -> views.list(path.namespace(2), query);
      case POST -> views.create(path.namespace(2), body);
      default -> throw RouteException.methodNotAllowed(method, path);
    };
  }

  private IcebergRestResponse view(String method, RestPath path, String body) {
    TableIdentifier identifier = path.identifier(2, 4);
    return switch (method) {
      case GET -> views.load(identifier);
      case HEAD -> views.exists(identifier);
      case POST -> views.replace(identifier, body);
      case DELETE -> views.drop(identifier);
      default -> throw RouteException.methodNotAllowed(method, path);
    };
  }

  private static IcebergRestResponse only(
      String allowed, String method, RestPath path, Route route) {
    if (!allowed.equals(method)) {
      throw RouteException.methodNotAllowed(method, path);
    }
    return route.serve();
  }

  private IcebergRestResponse config() {
    ConfigResponse response =
        ConfigResponse.builder()
            // Iceberg's builder probes for null values, which immutable JDK maps reject
            .withDefaults(new HashMap<>(config.defaults()))
            .withOverrides(new HashMap<>(config.overrides()))
            .withEndpoints(endpoints())
            .build();
    return IcebergRestResponse.ok(json.write(response));
  }

  /** The endpoints served for this catalog, advertised so clients call only those. */
  private List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    if (namespaces.supported()) {
      endpoints.addAll(
          List.of(
              Endpoint.V1_LIST_NAMESPACES,
              Endpoint.V1_LOAD_NAMESPACE,
              Endpoint.V1_NAMESPACE_EXISTS,
              Endpoint.V1_CREATE_NAMESPACE,
              Endpoint.V1_UPDATE_NAMESPACE,
              Endpoint.V1_DELETE_NAMESPACE));
    }
    endpoints.addAll(
        List.of(
            Endpoint.V1_LIST_TABLES,
            Endpoint.V1_LOAD_TABLE,
            Endpoint.V1_TABLE_EXISTS,
            Endpoint.V1_CREATE_TABLE,
            Endpoint.V1_UPDATE_TABLE,
            Endpoint.V1_DELETE_TABLE,
            Endpoint.V1_RENAME_TABLE,
            Endpoint.V1_REGISTER_TABLE,
            Endpoint.V1_REPORT_METRICS,
            Endpoint.V1_COMMIT_TRANSACTION));
    if (views.supported()) {
      endpoints.addAll(
          List.of(
              Endpoint.V1_LIST_VIEWS,
              Endpoint.V1_LOAD_VIEW,
              Endpoint.V1_VIEW_EXISTS,
              Endpoint.V1_CREATE_VIEW,
              Endpoint.V1_UPDATE_VIEW,
              Endpoint.V1_DELETE_VIEW,
              Endpoint.V1_RENAME_VIEW));
    }
    return endpoints;
  }

  @FunctionalInterface
  private interface Route {
    IcebergRestResponse serve();
  }
}
