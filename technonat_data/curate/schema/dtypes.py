"""The pandas dtype of each declared column type: what coercion produces and every derived schema expects."""

PANDAS_DTYPES = {"string": "str", "integer": "Int64", "number": "Float64", "boolean": "boolean", "list": "object",
                 "date": "object"}
