package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing: the objects, the common prefixes that a delimiter rolled up (the
 * "folders"), and the token of the next page when there is one.
 */
public record ObjectListing(
    List<ObjectSummary> objects, List<String> commonPrefixes, Optional<String> nextPageToken) {
  public ObjectListing {
    objects = List.copyOf(requireNonNull(objects, "objects"));
    commonPrefixes = List.copyOf(requireNonNull(commonPrefixes, "commonPrefixes"));
    requireNonNull(nextPageToken, "nextPageToken");
  }
}
