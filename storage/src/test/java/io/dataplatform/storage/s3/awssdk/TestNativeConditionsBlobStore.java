package io.dataplatform.storage.s3.awssdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.Test;

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
  void isSeenByTheProtocolLayerAsItself() {
    assertFalse(ForwardingBlobStore.class.isAssignableFrom(NativeConditionsBlobStore.class));
    // the protocol layer recognises stores that evaluate conditions by this package name
    assertEquals(
        "io.dataplatform.storage.s3.awssdk.NativeConditionsBlobStore",
        NativeConditionsBlobStore.class.getName());
  }
}
