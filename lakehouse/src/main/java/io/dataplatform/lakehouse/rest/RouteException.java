package io.dataplatform.lakehouse.rest;

/** A request that names no endpoint of the catalog, or uses the wrong HTTP method for one. */
final class RouteException extends RuntimeException {
  private final int status;
  private final String type;

  private RouteException(int status, String type, String message) {
    super(message);
    this.status = status;
    this.type = type;
  }

  static RouteException notFound(String method, RestPath path) {
    return new RouteException(
        404,
        "NoSuchEndpointException",
        "Cannot serve request: no Iceberg REST endpoint " + method + " " + path);
  }

  static RouteException methodNotAllowed(String method, RestPath path) {
    return new RouteException(
        405,
        "MethodNotAllowedException",
        "Cannot serve request: method " + method + " is not allowed on " + path);
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }
}
