package io.dataplatform.transform.graph;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import java.util.Locale;

/** Which tests come along with the nodes a selection picks (dbt's {@code indirect_selection}). */
public enum IndirectSelection {
  /** Tests that touch any selected node (unless excluded). */
  EAGER,
  /** Tests whose every parent is selected. */
  CAUTIOUS,
  /** Tests whose parents are selected or upstream of the selection. */
  BUILDABLE,
  /** No tests besides those selected directly. */
  EMPTY;

  public static IndirectSelection parse(String value, String where) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new DpException(
          TransformErrorCode.INVALID_SELECTION,
          "Cannot read "
              + where
              + ": indirect_selection must be eager, cautious, buildable or empty ("
              + value
              + ")");
    }
  }
}
