/**
 * The connector SPI: how a source of data (a database, files, an HTTP API) describes itself and
 * hands its records to the platform's sync engine. A connector is registered with {@link
 * java.util.ServiceLoader} under {@code META-INF/services/io.dataplatform.api.connector.Connector}.
 * Connectors know nothing of the lake: they read, the engine writes and commits.
 */
package io.dataplatform.api.connector;
