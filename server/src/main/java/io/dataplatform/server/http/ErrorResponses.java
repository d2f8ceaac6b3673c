package io.dataplatform.server.http;

import io.dataplatform.api.DpException;
import io.dataplatform.api.ErrorCategory;
import io.dataplatform.api.StandardErrorCode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where errors become HTTP answers. */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static void write(Context context, DpException error) {
    if (error.code().category() == ErrorCategory.INTERNAL) {
      LOG.error("{} {} failed", context.method(), context.path(), error);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", error.code().name());
    body.put("message", error.getMessage());
    error
        .position()
        .ifPresent(
            position -> {
              body.put("line", position.line());
              body.put("column", position.column());
            });
    context.status(error.code().httpStatus()).json(Map.of("error", body));
  }

  static void unexpected(Context context, Exception error) {
    LOG.error("{} {} failed", context.method(), context.path(), error);
    write(
        context,
        new DpException(
            StandardErrorCode.INTERNAL_ERROR,
            "Cannot answer the request: an internal error occurred; see the server log"));
  }

  static void unauthenticated(Context context) {
    context.header("WWW-Authenticate", "Basic realm=\"dp\", Bearer");
    write(
        context,
        new DpException(
            StandardErrorCode.NOT_AUTHENTICATED,
            "Cannot authenticate: credentials are missing or not valid"));
  }
}
