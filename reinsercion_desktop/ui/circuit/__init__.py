"""The referral → waiting list → stay → discharge circuit in a participant's file."""
