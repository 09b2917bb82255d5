// Every module that reads the model reads its texts too (Sources/Text): one import.
@_exported import Text
