/** The S3-compatible object store: buckets, versioning, encryption at rest, access keys, events. */
package io.dataplatform.storage;
