"""Local certificates: issue on completion, print, verify publicly, revoke."""
