package io.dataplatform.ingest.source.jdbc;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.sql.SQLException;
import java.util.Locale;

/** Turns driver exceptions into "Cannot …" messages that never contain the password. */
public final class JdbcErrors {
  private JdbcErrors() {}

  /** A failure to open a connection: wrong credentials, unreachable server, missing database. */
  public static DpException connect(JdbcEndpoint endpoint, SQLException error) {
    String state = sqlState(error);
    String prefix = "Cannot connect to " + endpoint.source() + " source " + endpoint.displayUrl();
    String detail = redact(endpoint, describe(error));
    if (state.startsWith("28") || mentions(error, "password", "authentication", "access denied")) {
      return new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          prefix
              + ": the user name or password is wrong (user "
              + endpoint.user().orElse("")
              + "): "
              + detail,
          null);
    }
    if (state.equals("3D000") || mentions(error, "unknown database")) {
      return new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          prefix + ": the database does not exist: " + detail,
          null);
    }
    if (state.startsWith("08") || mentions(error, "connection refused", "timed out")) {
      return new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          prefix + ": the server cannot be reached: " + detail,
          null);
    }
    return new DpException(StandardErrorCode.EXTERNAL_FAILURE, prefix + ": " + detail, null);
  }

  /** A failure while reading or describing {@code what} (a stream, the source's tables). */
  public static DpException read(JdbcEndpoint endpoint, String what, SQLException error) {
    return new DpException(
        StandardErrorCode.EXTERNAL_FAILURE,
        "Cannot read " + what + ": " + redact(endpoint, describe(error)),
        null);
  }

  /** The text with every occurrence of the endpoint's password replaced. */
  public static String redact(JdbcEndpoint endpoint, String text) {
    String result = text == null ? "" : text;
    if (endpoint.password().isPresent() && !endpoint.password().get().isEmpty()) {
      result = result.replace(endpoint.password().get(), "***");
    }
    return result;
  }

  private static String describe(SQLException error) {
    StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
    Throwable cause = error.getCause();
    if (cause != null
        && cause.getMessage() != null
        && !text.toString().contains(cause.getMessage())) {
      text.append(" (").append(cause.getMessage()).append(')');
    }
    if (error.getSQLState() != null) {
      text.append(" [SQLSTATE ").append(error.getSQLState()).append(']');
    }
    return text.toString().replaceAll("\\s+", " ").trim();
  }

  private static String sqlState(SQLException error) {
    for (Throwable current = error; current != null; current = current.getCause()) {
      if (current instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return "";
  }

  private static boolean mentions(SQLException error, String... phrases) {
    for (Throwable current = error; current != null; current = current.getCause()) {
      String message = String.valueOf(current.getMessage()).toLowerCase(Locale.ROOT);
      for (String phrase : phrases) {
        if (message.contains(phrase)) {
          return true;
        }
      }
    }
    return false;
  }
}
