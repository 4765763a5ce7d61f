package dev.quarry.automl.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An operating-system lock on {@code runs/<experiment>/coordinator.lock}, held by the process that
 * runs the experiment, so that {@code quarry resume} cannot start a second coordinator on an
 * experiment that is still alive. The OS releases it when its process dies, SIGKILL included.
 */
final class CoordinatorLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private CoordinatorLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param experimentFolder the experiment's folder
     * @param experimentId its id, for the message
     * @return the held lock
     * @throws IllegalStateException if another live process holds it
     */
    static CoordinatorLock acquire(Path experimentFolder, String experimentId) {
        Path file = experimentFolder.resolve("coordinator.lock");
        try {
            Files.createDirectories(experimentFolder);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("experiment " + experimentId + " is still running in another process ("
                        + file + " is locked); stop it first");
            }
            return new CoordinatorLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            System.err.println("quarry: cannot release the coordinator lock: " + e.getMessage());
        }
    }
}
