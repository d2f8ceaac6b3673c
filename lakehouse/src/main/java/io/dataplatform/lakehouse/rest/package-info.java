/**
 * The Iceberg REST catalog protocol ({@code /iceberg/v1/...}) over the platform's Iceberg catalog,
 * so that Spark, Trino, Flink and PyIceberg read and write the same tables.
 *
 * <p>{@link io.dataplatform.lakehouse.rest.IcebergRestHandler} is independent of any HTTP
 * framework. The server mounts it by passing method, raw path after the mount point, decoded query
 * parameters and body, and sending back the {@link
 * io.dataplatform.lakehouse.rest.IcebergRestResponse} (with Javalin: {@code
 * app.addHttpHandler(HandlerType.GET, "/iceberg/*", ctx -> ...)} for each method, using {@code
 * ctx.path()}, {@code ctx.queryParamMap()} and {@code ctx.body()}). The server authenticates every
 * request except {@link io.dataplatform.lakehouse.rest.IcebergRestHandler#TOKEN_ENDPOINT_PATH},
 * whose grants are decided by a {@link io.dataplatform.lakehouse.rest.TokenExchange}.
 *
 * <p>A Spark session attaches with {@code
 * spark.sql.catalog.dp=org.apache.iceberg.spark.SparkCatalog}, {@code
 * spark.sql.catalog.dp.type=rest}, {@code spark.sql.catalog.dp.uri=http://127.0.0.1:8080/iceberg}
 * and {@code spark.sql.catalog.dp.credential=<client id>:<secret>}.
 */
package io.dataplatform.lakehouse.rest;
