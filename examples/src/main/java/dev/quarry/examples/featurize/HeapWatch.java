package dev.quarry.examples.featurize;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap's high-water mark during a phase. Every garbage collection reports the heap pools'
 * usage just before it ran (GC notifications): those are the local maxima of used heap. The peak of
 * a phase is the largest of them and of the used heap at the phase's end. Thread-safe.
 */
final class HeapWatch {

    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong maxLive = new AtomicLong();
    private final Set<String> heapPools;

    HeapWatch() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                peak.accumulateAndGet(heap(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
                maxLive.accumulateAndGet(heap(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
            }, null, null);
        }
    }

    private long heap(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (var e : pools.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                sum += e.getValue().getUsed();
            }
        }
        return sum;
    }

    /** Starts a phase: forgets earlier peaks. */
    void reset() {
        peak.set(used());
        maxLive.set(0);
    }

    /** @return the peak used heap since {@link #reset}, bytes */
    long peak() {
        return Math.max(peak.get(), used());
    }

    /** @return the most heap live after a collection since {@link #reset}, bytes */
    long maxLive() {
        return maxLive.get();
    }

    static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long max() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }
}
