package io.dataplatform.metastore;

/** Why a token exists. */
public enum TokenKind {
  /** Given by a login; expires. */
  SESSION,
  /** Created by a user for scripts and tools; lives until revoked. */
  API
}
