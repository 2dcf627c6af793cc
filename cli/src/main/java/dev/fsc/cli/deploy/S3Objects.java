package dev.fsc.cli.deploy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The few S3 calls a deploy needs, under one {@code s3://bucket/prefix}: read, write, conditional writes
 * ({@code If-None-Match: *} creates only if absent, {@code If-Match: etag} replaces only what was read) and
 * delete. Credentials, region and endpoint come from the AWS SDK's usual sources (environment, system
 * properties, profiles); a custom endpoint ({@code AWS_ENDPOINT_URL[_S3]}, an S3-compatible store) is
 * addressed path-style, since its buckets have no DNS names.
 */
final class S3Objects implements AutoCloseable {
    private final S3Client client;
    private final String bucket;
    private final String prefix;

    /** An object's content and the ETag to replace it conditionally. */
    record Stored(String content, String etag) {
    }

    private S3Objects(S3Client client, String bucket, String prefix) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** Whether {@code value} names an S3 location ({@code s3://bucket[/prefix]}). */
    static boolean isS3(String value) {
        return value.startsWith("s3://");
    }

    /** @throws UnreachableException when the AWS SDK finds no region or the location is malformed */
    static S3Objects open(String s3Uri) throws UnreachableException {
        URI uri = URI.create(s3Uri);
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new UnreachableException(s3Uri + " is not an S3 location (expected s3://bucket/prefix)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        try {
            S3Client client = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                    .forcePathStyle(customEndpoint()).build();
            return new S3Objects(client, uri.getHost(), path.isEmpty() ? "" : path + "/");
        } catch (SdkException e) {
            throw new UnreachableException(s3Uri + ": the AWS SDK cannot set up an S3 client (" + e.getMessage().replaceAll("\\s*:\\s*\\[.*", "")
                    + "); set AWS_REGION and credentials it can find (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, an instance role)");
        }
    }

    private static boolean customEndpoint() {
        return System.getenv("AWS_ENDPOINT_URL_S3") != null || System.getenv("AWS_ENDPOINT_URL") != null
                || System.getProperty("aws.endpointUrlS3") != null || System.getProperty("aws.endpointUrl") != null;
    }

    /** The location of a name under the prefix, for messages. */
    String uri(String name) {
        return "s3://" + bucket + "/" + prefix + name;
    }

    Optional<Stored> get(String name) throws IOException {
        try {
            ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + name));
            return Optional.of(new Stored(bytes.asString(StandardCharsets.UTF_8), bytes.response().eTag()));
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", name, e);
        }
    }

    void put(String name, String content) throws IOException {
        put(name, content, PutObjectRequest.builder());
    }

    /** Creates the object only if none exists; false if one does. */
    boolean putIfAbsent(String name, String content) throws IOException {
        return putConditionally(name, content, PutObjectRequest.builder().ifNoneMatch("*"));
    }

    /** Replaces the object only if it still has {@code etag}; false if it changed (or vanished). */
    boolean putIfMatch(String name, String content, String etag) throws IOException {
        return putConditionally(name, content, PutObjectRequest.builder().ifMatch(etag));
    }

    void delete(String name) throws IOException {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(prefix + name));
        } catch (SdkException e) {
            throw failure("delete", name, e);
        }
    }

    private boolean putConditionally(String name, String content, PutObjectRequest.Builder request) throws IOException {
        try {
            put(name, content, request);
            return true;
        } catch (PreconditionFailed e) {
            return false;
        }
    }

    private void put(String name, String content, PutObjectRequest.Builder request) throws IOException {
        try {
            client.putObject(request.bucket(bucket).key(prefix + name).contentType("application/octet-stream").build(),
                    RequestBody.fromString(content, StandardCharsets.UTF_8));
        } catch (S3Exception e) {
            // 412: the condition did not hold; 409: a concurrent conditional write to the same key won
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                throw new PreconditionFailed();
            }
            throw failure("write", name, e);
        } catch (SdkException e) {
            throw failure("write", name, e);
        }
    }

    private IOException failure(String what, String name, SdkException e) {
        return new IOException("cannot " + what + " " + uri(name) + ": " + e.getMessage(), e);
    }

    /** No S3 client can be made for a location: fsc.yaml or the machine's AWS configuration is wrong. */
    static final class UnreachableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message) {
            super(message);
        }
    }

    /** A conditional write whose condition did not hold. */
    private static final class PreconditionFailed extends IOException {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public void close() {
        client.close();
    }
}
