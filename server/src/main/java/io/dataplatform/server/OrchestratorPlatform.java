package io.dataplatform.server;

import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.metastore.Metastore;
import io.dataplatform.orchestrator.Orchestrator;
import io.dataplatform.orchestrator.OrchestratorConfig;
import io.dataplatform.orchestrator.asset.AssetProvider;
import io.dataplatform.orchestrator.job.JobCatalog;
import io.dataplatform.orchestrator.run.RunStore;
import io.dataplatform.orchestrator.step.RefreshStepRunner;
import io.dataplatform.orchestrator.step.SleepStepRunner;
import io.dataplatform.orchestrator.step.SqlStepRunner;
import io.dataplatform.orchestrator.step.StepRunner;
import io.dataplatform.orchestrator.step.StepRunners;
import io.dataplatform.orchestrator.step.WebhookStepRunner;
import io.dataplatform.orchestrator.trigger.ObjectEventSource;
import io.dataplatform.server.config.ServerConfig;
import io.dataplatform.server.roles.IngestAssets;
import io.dataplatform.server.roles.SyncStepRunner;
import io.dataplatform.server.roles.TransformAssets;
import io.dataplatform.server.roles.TransformProjects;
import io.dataplatform.server.roles.TransformStepRunner;
import io.dataplatform.storage.ObjectListing;
import io.dataplatform.storage.ObjectSummary;
import io.dataplatform.storage.StorageService;
import io.dataplatform.storage.disk.ObjectEvent;
import io.dataplatform.transform.TransformService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds the orchestrator with the step runners and asset providers of every role: SQL, refresh,
 * webhook and sleep steps of its own, sync steps and stream tables from ingestion, transform steps
 * and models from the transform projects.
 */
final class OrchestratorPlatform {
  private static final int LISTING_PAGE = 1000;

  private OrchestratorPlatform() {}

  static Orchestrator start(
      ServerConfig config,
      Metastore metastore,
      SqlService sql,
      StorageService storage,
      IngestPlatform ingest,
      TransformService transform,
      TransformProjects projects) {
    List<StepRunner<?>> runners = new ArrayList<>();
    runners.add(new SqlStepRunner(sql));
    runners.add(new RefreshStepRunner(sql));
    runners.add(new WebhookStepRunner());
    runners.add(new SleepStepRunner());
    runners.add(new SyncStepRunner(ingest.syncs()));
    runners.add(new TransformStepRunner(transform, projects));
    List<AssetProvider> providers = new ArrayList<>();
    providers.add(new IngestAssets(ingest.connections()));
    providers.add(new TransformAssets(projects));
    OrchestratorConfig settings =
        OrchestratorConfig.of(
            config.orchestrator().pipelinesDirectory(),
            nodeName(),
            config.orchestrator().maxConcurrentRuns());
    return new Orchestrator(
            settings,
            JobCatalog.load(config.orchestrator().pipelinesDirectory()),
            RunStore.of(metastore.dataSource()),
            new StepRunners(runners),
            providers,
            objectEvents(storage))
        .start();
  }

  /** New objects of the platform's own store, and its listing, for new-object sensors. */
  static ObjectEventSource objectEvents(StorageService storage) {
    return new ObjectEventSource() {
      @Override
      public AutoCloseable subscribe(Consumer<NewObject> listener) {
        return storage.subscribe(
            event -> {
              if (event.type() == ObjectEvent.Type.CREATED) {
                listener.accept(
                    new NewObject(event.bucket(), event.key(), event.size(), event.time()));
              }
            });
      }

      @Override
      public List<NewObject> existing(String bucket, String prefix) {
        if (!storage.bucketExists(bucket)) {
          return List.of();
        }
        List<NewObject> objects = new ArrayList<>();
        Optional<String> page = Optional.empty();
        do {
          ObjectListing listing =
              storage.listObjects(bucket, prefix, Optional.empty(), page, LISTING_PAGE);
          for (ObjectSummary object : listing.objects()) {
            objects.add(new NewObject(bucket, object.key(), object.size(), object.lastModified()));
          }
          page = listing.nextPageToken();
        } while (page.isPresent());
        return objects;
      }
    };
  }

  /** The name recorded on runs this server executes; the same after a restart on this host. */
  private static String nodeName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
