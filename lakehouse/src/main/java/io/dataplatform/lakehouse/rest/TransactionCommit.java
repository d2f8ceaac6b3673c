package io.dataplatform.lakehouse.rest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.UpdateRequirement;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;

/**
 * Commits changes to several tables ({@code POST /v1/transactions/commit}). Every table's
 * requirements are checked and its new metadata built before anything is written, so a stale or
 * invalid change rejects the whole request. The writes themselves are one compare-and-swap per
 * table: if a concurrent writer wins the race on a later table, the earlier tables keep their
 * commit and the request fails with a conflict.
 */
final class TransactionCommit {
  private final Catalog catalog;

  TransactionCommit(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog");
  }

  void commit(CommitTransactionRequest request) {
    List<PendingCommit> pending = new ArrayList<>();
    Set<TableIdentifier> seen = new HashSet<>();
    for (UpdateTableRequest change : request.tableChanges()) {
      TableIdentifier identifier = change.identifier();
      if (identifier == null) {
        throw new BadRequestException(
            "Cannot commit transaction: a table change has no identifier");
      }
      if (!seen.add(identifier)) {
        throw new BadRequestException(
            "Cannot commit transaction: the table appears more than once (%s)", identifier);
      }
      pending.add(prepare(identifier, change));
    }
    for (PendingCommit commit : pending) {
      if (!commit.updated().changes().isEmpty()) {
        commit.operations().commit(commit.base(), commit.updated());
      }
    }
  }

  private PendingCommit prepare(TableIdentifier identifier, UpdateTableRequest change) {
    Table table = catalog.loadTable(identifier);
    if (!(table instanceof HasTableOperations withOperations)) {
      throw new UnsupportedOperationException(
          "Cannot commit transaction: the catalog does not expose table operations ("
              + identifier
              + ")");
    }
    TableOperations operations = withOperations.operations();
    TableMetadata base = operations.current();
    for (UpdateRequirement requirement : change.requirements()) {
      requirement.validate(base);
    }
    TableMetadata.Builder builder = TableMetadata.buildFrom(base);
    for (MetadataUpdate update : change.updates()) {
      update.applyTo(builder);
    }
    return new PendingCommit(operations, base, builder.build());
  }

  private record PendingCommit(
      TableOperations operations, TableMetadata base, TableMetadata updated) {}
}
