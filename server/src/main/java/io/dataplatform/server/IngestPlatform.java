package io.dataplatform.server;

import io.dataplatform.api.connector.ConnectorContext;
import io.dataplatform.ingest.connection.ConnectionRepository;
import io.dataplatform.ingest.connection.ConnectionService;
import io.dataplatform.ingest.connection.SecretBox;
import io.dataplatform.ingest.connection.SyncRepository;
import io.dataplatform.ingest.connection.SyncService;
import io.dataplatform.ingest.source.ConnectorRegistry;
import io.dataplatform.ingest.sync.SyncEngine;
import io.dataplatform.ingest.sync.SyncSettings;
import io.dataplatform.lakehouse.Lakehouse;
import io.dataplatform.metastore.Metastore;
import io.dataplatform.server.config.IngestSettings;
import io.dataplatform.server.config.ServerConfig;
import io.dataplatform.storage.S3Credentials;
import io.dataplatform.storage.StorageService;
import io.dataplatform.storage.disk.MasterKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The ingestion services of a running platform: connections and syncs. */
public record IngestPlatform(ConnectionService connections, SyncService syncs)
    implements AutoCloseable {

  /** Builds the services and marks syncs a previous process left running as failed. */
  static IngestPlatform start(
      ServerConfig config, Metastore metastore, Lakehouse lakehouse, StorageService storage) {
    IngestSettings settings = config.ingest();
    S3Credentials root = storage.rootCredentials().credentials();
    ConnectorContext context =
        new ConnectorContext(
            settings.importDirectories(),
            Optional.of(
                new ConnectorContext.S3Access(
                    storage.endpoint(), "us-east-1", root.accessKeyId(), root.secretKey())));
    ConnectorRegistry registry = ConnectorRegistry.load();
    // connection secrets are sealed with a key derived from the storage master key
    MasterKey masterKey =
        config
            .storage()
            .masterKey()
            .map(MasterKey::fromBase64)
            .orElseGet(
                () -> MasterKey.loadOrGenerate(config.storageDirectory().resolve("master.key")));
    ConnectionService connections =
        new ConnectionService(
            registry,
            new ConnectionRepository(metastore.dataSource()),
            new SecretBox(masterKey.bytes()),
            context,
            Clock.systemUTC());
    SyncEngine engine =
        new SyncEngine(
            registry,
            lakehouse.loads(),
            new SyncSettings(
                settings.commitInterval(),
                settings.batchRows(),
                settings.cdcIdleStop(),
                Duration.ofMinutes(5),
                config.dataDirectory().resolve("ingest-work")),
            Clock.systemUTC());
    SyncService syncs =
        new SyncService(
            connections, new SyncRepository(metastore.dataSource()), engine, Clock.systemUTC());
    syncs.recover();
    return new IngestPlatform(connections, syncs);
  }

  @Override
  public void close() {
    syncs.close();
  }
}
