package io.dataplatform.lakehouse.flight;

import io.dataplatform.api.DpException;
import io.dataplatform.api.ErrorCategory;
import io.dataplatform.api.StandardErrorCode;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns engine errors into Flight call statuses that clients show to the user. */
final class FlightErrors {
  private static final Logger LOG = LoggerFactory.getLogger(FlightErrors.class);

  private FlightErrors() {}

  /** The status a client sees for an error raised while serving a call. */
  static FlightRuntimeException toFlight(Throwable error) {
    if (error instanceof FlightRuntimeException flightError) {
      return flightError;
    }
    if (error instanceof DpException dpError) {
      return fromDpException(dpError);
    }
    LOG.error("Flight SQL call failed", error);
    return CallStatus.INTERNAL
        .withDescription(
            "Cannot complete the request: internal error ("
                + error.getClass().getSimpleName()
                + ")")
        .withCause(error)
        .toRuntimeException();
  }

  private static FlightRuntimeException fromDpException(DpException error) {
    CallStatus status = status(error);
    if (error.code().category() == ErrorCategory.INTERNAL) {
      LOG.error("Flight SQL call failed", error);
    }
    return status.withDescription(error.getMessage()).withCause(error).toRuntimeException();
  }

  private static CallStatus status(DpException error) {
    if (error.code() instanceof StandardErrorCode code) {
      switch (code) {
        case NOT_AUTHENTICATED:
          return CallStatus.UNAUTHENTICATED;
        case PERMISSION_DENIED:
          return CallStatus.UNAUTHORIZED;
        case NOT_FOUND:
          return CallStatus.NOT_FOUND;
        case ALREADY_EXISTS:
          return CallStatus.ALREADY_EXISTS;
        case EXTERNAL_FAILURE:
          return CallStatus.UNAVAILABLE;
        case INTERNAL_ERROR:
          return CallStatus.INTERNAL;
        default:
          return CallStatus.INVALID_ARGUMENT;
      }
    }
    switch (error.code().category()) {
      case USER:
        return CallStatus.INVALID_ARGUMENT;
      case EXTERNAL:
        return CallStatus.UNAVAILABLE;
      default:
        return CallStatus.INTERNAL;
    }
  }

  static FlightRuntimeException invalidArgument(String message) {
    return CallStatus.INVALID_ARGUMENT.withDescription(message).toRuntimeException();
  }

  static FlightRuntimeException notFound(String message) {
    return CallStatus.NOT_FOUND.withDescription(message).toRuntimeException();
  }

  static FlightRuntimeException unavailable(String message) {
    return CallStatus.UNAVAILABLE.withDescription(message).toRuntimeException();
  }
}
