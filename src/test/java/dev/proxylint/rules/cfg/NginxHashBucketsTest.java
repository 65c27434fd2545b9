package dev.proxylint.rules.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ngx_hash_init's bucket arithmetic on x86_64 (the cases run the same sizes through nginx -t). */
class NginxHashBucketsTest {
    @Test
    void bucketsHoldTheirSizeMinusEighteenBytes() {
        assertEquals(46, NginxHashBuckets.longestKey(64));
        assertEquals(110, NginxHashBuckets.longestKey(100), "100 is rounded up to 128");
        assertEquals(110, NginxHashBuckets.longestKey(128));
        assertEquals(64, NginxHashBuckets.bucketFor(46));
        assertEquals(128, NginxHashBuckets.bucketFor(47));
        assertEquals(128, NginxHashBuckets.bucketFor(110));
        assertEquals(192, NginxHashBuckets.bucketFor(111));
    }

    @Test
    void wildcardNamesAreHashedLabelByLabel() {
        assertEquals(15, NginxHashBuckets.longest("www.example.org"), "an exact name as a whole");
        assertEquals(7, NginxHashBuckets.longest("*.example.org"));
        assertEquals(7, NginxHashBuckets.longest("www.example.*"));
        assertEquals(11, NginxHashBuckets.longest(".example.org"), "also the exact name example.org");
        assertEquals(15, NginxHashBuckets.longest("*.much-longer-one.example.org"), "its longest label");
    }

    @Test
    void wildcardKeysAsNginxHashesThem() {
        for (String ok : new String[] {"example.org", "*.example.org", ".example.org", "www.example.*", "_", ""}) {
            org.junit.jupiter.api.Assertions.assertTrue(NginxHashBuckets.validKey(ok), ok);
        }
        for (String bad : new String[] {"www.*.example.org", "*.*.example.org", "a..example.org", "*.example.*",
            "ex*ample.org", "example.org*"}) {
            org.junit.jupiter.api.Assertions.assertFalse(NginxHashBuckets.validKey(bad), bad);
        }
    }
}
