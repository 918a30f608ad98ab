"""Recordings in, timed speaker-labelled sessions out: local transcription with no downloads.

Entry points (import them from their modules; this package imports nothing heavy on its own):

* `ingest.session_from_recording(paths, ...)` / `ingest.transcribe_recording(...)`: one recording,
  several (one per speaker) or bytes -> CoachingSession (plus words and the pause/overlap report).
* `ingest.is_audio(filename, head_bytes)`: whether an upload is a recording.
* `jobs`: the web upload path (checked at upload, transcribed by the assessment job).

Modules: decode (PyAV), transcribe (faster-whisper), features (numpy MFCC/pitch/loudness),
speakers (files, stereo, mixed), separation (voices in a mixed track), overlap (overlapping speech
in a mixed track), align (a labelled transcript on the recording's clock), timing (word edges,
pauses, overlaps), turns (words -> turns), export (WebVTT/JSON). See docs/audio.md.
"""
