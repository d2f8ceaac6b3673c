package io.dataplatform.lakehouse.rest;

import static java.util.Objects.requireNonNull;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.RegisterTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.ReportMetricsRequest;
import org.apache.iceberg.rest.requests.ReportMetricsRequestParser;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The table endpoints: listing, creating, loading, committing, renaming and dropping tables. */
final class TableResource {
  private static final Logger LOG = LoggerFactory.getLogger(TableResource.class);

  private final Catalog catalog;
  private final RestJson json;
  private final TransactionCommit transactions;

  TableResource(Catalog catalog, RestJson json) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.json = requireNonNull(json, "json");
    this.transactions = new TransactionCommit(catalog);
  }

  IcebergRestResponse list(Namespace namespace, QueryParameters query) {
    return IcebergRestResponse.ok(
        json.write(
            Pages.list(
                "list tables",
                query,
                (token, size) -> CatalogHandlers.listTables(catalog, namespace, token, size),
                () -> CatalogHandlers.listTables(catalog, namespace))));
  }

  /** Creates a table, or only stages its metadata when the request says {@code stage-create}. */
  IcebergRestResponse create(Namespace namespace, String body) {
    CreateTableRequest request = json.read(body, CreateTableRequest.class);
    Namespaces.requireExists(catalog, namespace);
    if (request.stageCreate()) {
      return IcebergRestResponse.ok(
          json.write(CatalogHandlers.stageTableCreate(catalog, namespace, request)));
    }
    return IcebergRestResponse.ok(
        json.write(CatalogHandlers.createTable(catalog, namespace, request)));
  }

  IcebergRestResponse load(TableIdentifier identifier) {
    return IcebergRestResponse.ok(json.write(CatalogHandlers.loadTable(catalog, identifier)));
  }

  IcebergRestResponse exists(TableIdentifier identifier) {
    CatalogHandlers.tableExists(catalog, identifier);
    return IcebergRestResponse.noContent();
  }

  IcebergRestResponse drop(TableIdentifier identifier, QueryParameters query) {
    if (query.isTrue("purgeRequested")) {
      CatalogHandlers.purgeTable(catalog, identifier);
    } else {
      CatalogHandlers.dropTable(catalog, identifier);
    }
    return IcebergRestResponse.noContent();
  }

  /** Commits requirements and updates to one table (also the second step of a staged create). */
  IcebergRestResponse update(TableIdentifier identifier, String body) {
    UpdateTableRequest request = json.read(body, UpdateTableRequest.class);
    return IcebergRestResponse.ok(
        json.write(CatalogHandlers.updateTable(catalog, identifier, request)));
  }

  IcebergRestResponse rename(String body) {
    CatalogHandlers.renameTable(catalog, json.read(body, RenameTableRequest.class));
    return IcebergRestResponse.noContent();
  }

  IcebergRestResponse register(Namespace namespace, String body) {
    RegisterTableRequest request = json.read(body, RegisterTableRequest.class);
    Namespaces.requireExists(catalog, namespace);
    return IcebergRestResponse.ok(
        json.write(CatalogHandlers.registerTable(catalog, namespace, request)));
  }

  /** Accepts the scan and commit reports clients send; they are logged, not stored. */
  IcebergRestResponse reportMetrics(TableIdentifier identifier, String body) {
    ReportMetricsRequest request;
    try {
      request = ReportMetricsRequestParser.fromJson(body);
    } catch (RuntimeException e) {
      throw new BadRequestException(
          e, "Cannot parse metrics report: %s (%s)", e.getMessage(), identifier);
    }
    LOG.debug("Metrics report for {}: {}", identifier, request.report());
    return IcebergRestResponse.noContent();
  }

  IcebergRestResponse commitTransaction(String body) {
    transactions.commit(json.read(body, CommitTransactionRequest.class));
    return IcebergRestResponse.noContent();
  }
}
