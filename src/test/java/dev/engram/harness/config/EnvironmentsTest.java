package dev.engram.harness.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A mistyped environment is refused with the closest name, as a CLI user expects. */
class EnvironmentsTest {

    @Test
    void aTypoGetsDidYouMean() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Environments.require("prdo"));
        assertTrue(e.getMessage().contains("did you mean 'prod'?"), e.getMessage());
    }

    @Test
    void somethingFarOffGetsOnlyTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Environments.require("kubernetes"));
        assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
        assertTrue(e.getMessage().contains("local, staging, dev, test, uat, prod"), e.getMessage());
    }

    @Test
    void aKnownNameIsReturned() {
        assertEquals("uat", Environments.require("uat"));
    }
}
