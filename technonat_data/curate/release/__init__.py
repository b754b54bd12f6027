"""Release: build a version into build/, guard released versions, write the registry and assets, keep the changelog
and the toolchain pin, and run the release command."""
