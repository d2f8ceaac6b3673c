package io.dataplatform.lakehouse.flight;

import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlNullOrdering;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.flight.sql.impl.FlightSql.SupportedSqlGrammar;

/** What the endpoint tells clients about itself and its SQL dialect (GetSqlInfo). */
final class FlightSqlInfo {
  static final String SERVER_NAME = "Data Platform";

  private FlightSqlInfo() {}

  static String serverVersion() {
    String version = FlightSqlInfo.class.getPackage().getImplementationVersion();
    return version == null ? "0.1.0-SNAPSHOT" : version;
  }

  static SqlInfoBuilder build() {
    String arrowVersion = FlightServer.class.getPackage().getImplementationVersion();
    return new SqlInfoBuilder()
        .withFlightSqlServerName(SERVER_NAME)
        .withFlightSqlServerVersion(serverVersion())
        .withFlightSqlServerArrowVersion(arrowVersion == null ? "18.3.0" : arrowVersion)
        .withFlightSqlServerReadOnly(false)
        .withFlightSqlServerSql(true)
        .withFlightSqlServerSubstrait(false)
        .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
        .withFlightSqlServerCancel(true)
        .withFlightSqlServerBulkIngestion(false)
        .withFlightSqlServerStatementTimeout(0)
        .withFlightSqlServerTransactionTimeout(0)
        .withSqlIdentifierQuoteChar("\"")
        .withSqlSearchStringEscape("\\")
        .withSqlExtraNameCharacters("")
        .withSqlSchemaTerm("schema")
        .withSqlCatalogTerm("catalog")
        .withSqlProcedureTerm("procedure")
        .withSqlCatalogAtStart(true)
        .withSqlDdlCatalog(false)
        .withSqlDdlSchema(true)
        .withSqlDdlTable(true)
        .withSqlIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
        .withSqlQuotedIdentifierCase(
            SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
        .withSqlNullOrdering(SqlNullOrdering.SQL_NULLS_SORTED_AT_END)
        .withSqlAllTablesAreSelectable(true)
        .withSqlSupportsColumnAliasing(true)
        .withSqlNullPlusNullIsNull(true)
        .withSqlSupportsTableCorrelationNames(true)
        .withSqlSupportsDifferentTableCorrelationNames(false)
        .withSqlSupportsExpressionsInOrderBy(true)
        .withSqlSupportsOrderByUnrelated(true)
        .withSqlSupportsLikeEscapeClause(true)
        .withSqlSupportsNonNullableColumns(true)
        .withSqlSupportsIntegrityEnhancementFacility(false)
        .withSqlSelectForUpdateSupported(false)
        .withSqlStoredProceduresSupported(false)
        .withSqlCorrelatedSubqueriesSupported(true)
        .withSqlTransactionsSupported(false)
        .withSqlBatchUpdatesSupported(true)
        .withSqlSavepointsSupported(false)
        .withSqlNamedParametersSupported(false)
        .withSqlSupportedGrammar(
            SupportedSqlGrammar.SQL_MINIMUM_GRAMMAR, SupportedSqlGrammar.SQL_CORE_GRAMMAR)
        .withSqlMaxColumnNameLength(0)
        .withSqlMaxStatementLength(0)
        .withSqlKeywords(
            new String[] {
              "ANTI",
              "ASOF",
              "ATTACH",
              "COPY",
              "DESCRIBE",
              "EXCLUDE",
              "PIVOT",
              "POSITIONAL",
              "QUALIFY",
              "REPLACE",
              "SEMI",
              "SUMMARIZE",
              "UNPIVOT"
            })
        .withSqlNumericFunctions(
            new String[] {"ABS", "CEIL", "FLOOR", "LN", "LOG", "POWER", "ROUND", "SQRT"})
        .withSqlStringFunctions(
            new String[] {"CONCAT", "LENGTH", "LOWER", "REPLACE", "SUBSTRING", "TRIM", "UPPER"})
        .withSqlSystemFunctions(new String[] {"COALESCE", "CURRENT_USER", "IFNULL"})
        .withSqlDatetimeFunctions(
            new String[] {"CURRENT_DATE", "CURRENT_TIMESTAMP", "DATE_PART", "DATE_TRUNC", "NOW"});
  }
}
