package dev.proxylint.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {
    @Test
    void eachKeyIsComputedOnceAndNullIsRemembered() {
        AtomicInteger calls = new AtomicInteger();
        BoundedMemo<String> m = new BoundedMemo<>(16);
        for (int i = 0; i < 5; i++) {
            assertEquals("A", m.get("a", k -> {
                calls.incrementAndGet();
                return k.toUpperCase();
            }));
            assertNull(m.get("none", k -> {
                calls.incrementAndGet();
                return null;
            }));
        }
        assertEquals(2, calls.get());
    }

    @Test
    void aFullMemoStartsOverAndStaysCorrect() {
        AtomicInteger calls = new AtomicInteger();
        BoundedMemo<Integer> m = new BoundedMemo<>(4);
        for (int i = 0; i < 10; i++) {
            int n = i;
            assertEquals(n, m.get("k" + n, k -> {
                calls.incrementAndGet();
                return n;
            }));
        }
        assertEquals(10, calls.get());
        // k0 was dropped when the memo started over: asked again, it is computed again, still right
        assertEquals(0, m.get("k0", k -> {
            calls.incrementAndGet();
            return 0;
        }));
        assertEquals(11, calls.get());
    }
}
