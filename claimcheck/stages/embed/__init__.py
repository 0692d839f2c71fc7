"""Stage 3, embed: claim texts become float32 vectors (``encoders``: sentence-transformers and the fake embedder;
``onnx``: the int8 ONNX encoder; ``worker``: the sentence-transformers encoder in a child process; ``ahead``:
encoding alongside extraction). Import the module you need: this file imports nothing.
"""
