package io.dataplatform.lakehouse.sql;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.ValidationException;

/** Maps Iceberg catalog exceptions to {@link DpException}s. */
final class IcebergErrors {
  private IcebergErrors() {}

  static RuntimeException convert(String action, RuntimeException error) {
    if (error instanceof DpException) {
      return error;
    }
    StandardErrorCode code;
    if (error instanceof AlreadyExistsException) {
      code = StandardErrorCode.ALREADY_EXISTS;
    } else if (error instanceof NoSuchTableException
        || error instanceof NoSuchNamespaceException
        || error instanceof NoSuchViewException) {
      code = StandardErrorCode.NOT_FOUND;
    } else if (error instanceof NamespaceNotEmptyException
        || error instanceof CommitFailedException
        || error instanceof ValidationException) {
      code = StandardErrorCode.CONFLICT;
    } else {
      return error;
    }
    return new DpException(code, "Cannot " + action + ": " + error.getMessage(), error);
  }
}
