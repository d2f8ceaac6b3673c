package io.dataplatform.lakehouse.rest;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.iceberg.exceptions.BadRequestException;

/** Listings that clients may ask for page by page ({@code pageToken}, {@code pageSize}). */
final class Pages {
  private Pages() {}

  /**
   * Lists everything, or one page when the request has a {@code pageSize}.
   *
   * @param action what is listed, for the error message, e.g. {@code "list tables"}
   * @param page lists one page from a token (null for the first page) and a page size
   */
  static <T> T list(
      String action,
      QueryParameters query,
      BiFunction<String, String, T> page,
      Supplier<T> everything) {
    Optional<String> size = query.first("pageSize");
    if (size.isEmpty()) {
      return everything.get();
    }
    String token = query.first("pageToken").orElse(null);
    try {
      return page.apply(token, size.get());
    } catch (NumberFormatException e) {
      throw new BadRequestException(
          e,
          "Cannot %s: invalid page token or size (pageToken=%s, pageSize=%s)",
          action,
          token,
          size.get());
    }
  }
}
