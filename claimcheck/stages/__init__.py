"""The pipeline's stages, in order: ``load`` -> ``extract/`` -> ``embed/`` -> ``cluster/`` -> ``compare/`` ->
``framing``. Each sub-package groups one stage with the helpers only it uses; ``docs/architecture.md`` gives the
data flowing between them and where each rule lives.
"""
