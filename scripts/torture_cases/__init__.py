"""The cases of ``scripts/torture.py``, one module per kind of trouble; ``common`` holds what they share."""
