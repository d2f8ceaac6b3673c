package io.dataplatform.lakehouse.rest;

import io.dataplatform.api.DpException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.apache.iceberg.rest.responses.ErrorResponseParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into an Iceberg {@code ErrorResponse} ({@code {"error":{"message","type",
 * "code"}}}) with the status Iceberg clients map back to the same exception. Server errors are
 * logged with their stack; the response carries the message only.
 */
final class RestErrors {
  private static final Logger LOG = LoggerFactory.getLogger(RestErrors.class);

  /** Exception classes in the order they are checked: subclasses before their parents. */
  private static final Map<Class<? extends RuntimeException>, Integer> STATUS_BY_TYPE =
      orderedStatuses();

  private RestErrors() {}

  static IcebergRestResponse toResponse(RuntimeException failure) {
    int status = statusOf(failure);
    String type = typeOf(failure);
    String message = failure.getMessage() == null ? type : failure.getMessage();
    if (status >= 500) {
      LOG.error("Cannot serve Iceberg REST request: {}", message, failure);
    }
    ErrorResponse error =
        ErrorResponse.builder().responseCode(status).withType(type).withMessage(message).build();
    return new IcebergRestResponse(status, ErrorResponseParser.toJson(error));
  }

  static int statusOf(RuntimeException failure) {
    if (failure instanceof RouteException route) {
      return route.status();
    }
    if (failure instanceof DpException dp) {
      return dp.code().httpStatus();
    }
    for (Map.Entry<Class<? extends RuntimeException>, Integer> entry : STATUS_BY_TYPE.entrySet()) {
      if (entry.getKey().isInstance(failure)) {
        return entry.getValue();
      }
    }
    return 500;
  }

  private static String typeOf(RuntimeException failure) {
    if (failure instanceof RouteException route) {
      return route.type();
    }
    if (failure instanceof DpException dp) {
      return dp.code().name();
    }
    return failure.getClass().getSimpleName();
  }

  private static Map<Class<? extends RuntimeException>, Integer> orderedStatuses() {
    Map<Class<? extends RuntimeException>, Integer> statuses = new LinkedHashMap<>();
    statuses.put(NoSuchNamespaceException.class, 404);
    statuses.put(NoSuchTableException.class, 404);
    statuses.put(NoSuchViewException.class, 404);
    statuses.put(NotFoundException.class, 404);
    statuses.put(AlreadyExistsException.class, 409);
    statuses.put(NamespaceNotEmptyException.class, 409);
    statuses.put(CommitFailedException.class, 409);
    statuses.put(BadRequestException.class, 400);
    statuses.put(ValidationException.class, 400);
    statuses.put(IllegalArgumentException.class, 400);
    statuses.put(NotAuthorizedException.class, 401);
    statuses.put(ForbiddenException.class, 403);
    statuses.put(UnsupportedOperationException.class, 406);
    statuses.put(ServiceUnavailableException.class, 503);
    return Collections.unmodifiableMap(statuses);
  }
}
