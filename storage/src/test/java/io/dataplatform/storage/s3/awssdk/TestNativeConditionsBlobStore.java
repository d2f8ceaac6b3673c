package io.dataplatform.storage.s3.awssdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dataplatform.storage.disk.DiskBlobStore;
import io.dataplatform.storage.disk.MasterKey;
import io.dataplatform.storage.disk.ObjectEventListener;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gaul.s3proxy.S3ProxyHandler;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestNativeConditionsBlobStore {
  @Test
  void forwardsEveryMethodOfTheStoreInterface() {
    List<String> inherited = new ArrayList<>();
    for (Method method : BlobStore.class.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      try {
        Method own =
            NativeConditionsBlobStore.class.getDeclaredMethod(
                method.getName(), method.getParameterTypes());
        assertEquals(method.getReturnType(), own.getReturnType(), method.toString());
      } catch (NoSuchMethodException e) {
        inherited.add(method.toString());
      }
    }
    // a default method left to the interface would run against this wrapper, not the store
    assertEquals(List.of(), inherited);
  }

  @Test
  void protocolLayerTakesItForAStoreThatChecksConditions(@TempDir Path root) throws Exception {
    assertFalse(ForwardingBlobStore.class.isAssignableFrom(NativeConditionsBlobStore.class));
    // the protocol layer's private classification, which decides where If-Match and
    // If-None-Match on writes are evaluated; "aws-s3" hands them to the store
    Method classify = S3ProxyHandler.class.getDeclaredMethod("getBlobStoreType", BlobStore.class);
    classify.setAccessible(true);
    try (var disk = new DiskBlobStore(root, MasterKey.generate(), ObjectEventListener.NONE)) {
      assertEquals("", classify.invoke(null, disk));
      assertEquals("aws-s3", classify.invoke(null, new NativeConditionsBlobStore(disk)));
    }
  }
}
