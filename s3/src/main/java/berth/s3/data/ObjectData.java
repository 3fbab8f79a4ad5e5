package berth.s3.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where object bytes live: immutable data files named by random ids. A file is written through a
 * {@link Staging} and appears under its id only when committed, whole and forced to disk, so a crash
 * or a refused upload leaves no partial object. Objects and parts reference data files by id; the
 * S3 module frees a file once nothing references it.
 *
 * <p>Unlike the registry's blob store, data is not content-addressed: S3 names bytes by bucket, key
 * and version, checks them with the digests the client chose (MD5, CRC32, …, not SHA-256), and a
 * multipart object is its parts' files in order, so completing an upload copies nothing.
 */
public interface ObjectData {

    /** A data file being written. Closing an uncommitted staging discards it. */
    interface Staging extends AutoCloseable {
        /** The channel to write the bytes to, in order. */
        FileChannel channel();

        /** Forces the bytes to disk and makes them the data file of the returned id. */
        String commit() throws IOException;

        @Override
        void close();
    }

    /** A readable data file. */
    interface DataFile {
        long size();

        java.nio.file.Path path();
    }

    /** A data file and when it was written, for the sweep of files nothing references. */
    record Stored(String dataId, Instant written) {}

    Staging stage() throws IOException;

    Optional<DataFile> open(String dataId);

    /** A new data file with the bytes of {@code dataId} (a hard link where the filesystem has them). */
    String duplicate(String dataId) throws IOException;

    /** Removes a data file; unknown ids are ignored. */
    void delete(String dataId) throws IOException;

    List<Stored> stored() throws IOException;

    /** Removes every data file and staging. */
    void clear() throws IOException;
}
