// Emulator and browser tests wait on real servers; jest's 5 s default is for unit tests.
jest.setTimeout(180_000);
