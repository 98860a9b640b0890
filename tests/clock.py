"""The suite's clock: ``HOCVUSO_TEST_CLOCK_AHEAD_DAYS`` moves it forward for a
whole run (``make test-future``), so a test that only passes this year fails
now instead of on 1 January."""
