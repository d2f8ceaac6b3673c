package io.dataplatform.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The one exception type that crosses module boundaries. Its message follows "Cannot &lt;do X&gt;:
 * &lt;reason&gt; (&lt;values&gt;)" and is safe to show to the user.
 */
public class DpException extends RuntimeException {
  private final ErrorCode code;
  private final SourcePosition position;

  public DpException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public DpException(ErrorCode code, String message, Throwable cause) {
    this(code, message, null, cause);
  }

  public DpException(ErrorCode code, String message, SourcePosition position, Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.code = requireNonNull(code, "code");
    this.position = position;
  }

  public ErrorCode code() {
    return code;
  }

  /** Where in the user's text (SQL, YAML) the error is, when known. */
  public Optional<SourcePosition> position() {
    return Optional.ofNullable(position);
  }

  public static DpException user(String message) {
    return new DpException(StandardErrorCode.INVALID_ARGUMENT, message);
  }

  public static DpException notFound(String message) {
    return new DpException(StandardErrorCode.NOT_FOUND, message);
  }
}
