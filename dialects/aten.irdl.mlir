// The `aten` dialect: one op per ATen operator that torch.export emits.
//
// Loaded at run time with mlirLoadIRDLDialects (see dialects.c). IRDL checks
// arity and the kind of each operand and attribute; shapes, dims and dtypes
// are checked by the C verifiers in verify_aten.c. Conventions:
// - tensors are builtin ranked tensors; ATen's Scalar operands of arithmetic
//   and comparisons (add.Scalar, eq.Scalar, ...) arrive as 0-d tensors, so
//   each overload family shares one op;
// - non-tensor arguments are attributes named after the ATen schema argument
//   and all are required (the importer fills ATen's defaults; an absent
//   clamp bound is -inf/+inf, an absent divisor_override is 0);
// - ops with two or more optional operands carry `operandSegmentSizes`;
// - lists of tensors of different shapes have no op of their own: `cat` is
//   binary, split/unbind become slice/select.

irdl.dialect @aten {
  // Elementwise arithmetic; a Scalar `other` of ATen arrives as a 0-d tensor.
  irdl.operation @add {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3i = irdl.base "#builtin.integer"
    %v3f = irdl.base "#builtin.float"
    %v3 = irdl.any_of(%v3i, %v3f)
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
    irdl.attributes {"alpha" = %v3}
  }
  irdl.operation @sub {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3i = irdl.base "#builtin.integer"
    %v3f = irdl.base "#builtin.float"
    %v3 = irdl.any_of(%v3i, %v3f)
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
    irdl.attributes {"alpha" = %v3}
  }
  irdl.operation @mul {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @div {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @pow {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, exponent: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @neg {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @rsqrt {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @sqrt {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @exp {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @log {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @tanh {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @sigmoid {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @sin {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @cos {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @relu {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @gelu {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.string"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"approximate" = %v2}
  }
  irdl.operation @silu {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @hardtanh {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2i = irdl.base "#builtin.integer"
    %v2f = irdl.base "#builtin.float"
    %v2 = irdl.any_of(%v2i, %v2f)
    %v3i = irdl.base "#builtin.integer"
    %v3f = irdl.base "#builtin.float"
    %v3 = irdl.any_of(%v3i, %v3f)
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"min_val" = %v2, "max_val" = %v3}
  }
  irdl.operation @hardswish {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @clamp {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2i = irdl.base "#builtin.integer"
    %v2f = irdl.base "#builtin.float"
    %v2 = irdl.any_of(%v2i, %v2f)
    %v3i = irdl.base "#builtin.integer"
    %v3f = irdl.base "#builtin.float"
    %v3 = irdl.any_of(%v3i, %v3f)
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"min" = %v2, "max" = %v3}
  }
  irdl.operation @where {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    irdl.operands(condition: %v0, self: %v1, other: %v2)
    irdl.results(result: %v3)
  }
  irdl.operation @masked_fill {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3i = irdl.base "#builtin.integer"
    %v3f = irdl.base "#builtin.float"
    %v3 = irdl.any_of(%v3i, %v3f)
    irdl.operands(self: %v0, mask: %v1)
    irdl.results(result: %v2)
    irdl.attributes {"value" = %v3}
  }
  // Comparisons and logic (i1 results).
  irdl.operation @eq {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @ne {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @ge {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @gt {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @le {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @lt {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @logical_and {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @logical_not {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @bitwise_not {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @bitwise_and {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @any {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.integer"
    %v3i = irdl.is true
    %v3f = irdl.is false
    %v3 = irdl.any_of(%v3i, %v3f)
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim" = %v2, "keepdim" = %v3}
  }
  // Scans and reductions.
  irdl.operation @cumsum {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim" = %v2}
  }
  irdl.operation @diff {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "#builtin.integer"
    %v5 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0, prepend: optional %v1, append: optional %v2)
    irdl.results(result: %v3)
    irdl.attributes {"n" = %v4, "dim" = %v5}
  }
  irdl.operation @mean {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    %v3i = irdl.is true
    %v3f = irdl.is false
    %v3 = irdl.any_of(%v3i, %v3f)
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim" = %v2, "keepdim" = %v3}
  }
  irdl.operation @sum {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    %v3i = irdl.is true
    %v3f = irdl.is false
    %v3 = irdl.any_of(%v3i, %v3f)
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim" = %v2, "keepdim" = %v3}
  }
  irdl.operation @amax {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    %v3i = irdl.is true
    %v3f = irdl.is false
    %v3 = irdl.any_of(%v3i, %v3f)
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim" = %v2, "keepdim" = %v3}
  }
  irdl.operation @softmax {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim" = %v2}
  }
  irdl.operation @log_softmax {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim" = %v2}
  }
  // Contractions.
  irdl.operation @linear {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0, weight: %v1, bias: optional %v2)
    irdl.results(result: %v3)
  }
  irdl.operation @addmm {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4i = irdl.base "#builtin.integer"
    %v4f = irdl.base "#builtin.float"
    %v4 = irdl.any_of(%v4i, %v4f)
    %v5i = irdl.base "#builtin.integer"
    %v5f = irdl.base "#builtin.float"
    %v5 = irdl.any_of(%v5i, %v5f)
    irdl.operands(self: %v0, mat1: %v1, mat2: %v2)
    irdl.results(result: %v3)
    irdl.attributes {"beta" = %v4, "alpha" = %v5}
  }
  irdl.operation @mm {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, mat2: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @bmm {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, mat2: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @matmul {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @baddbmm {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4i = irdl.base "#builtin.integer"
    %v4f = irdl.base "#builtin.float"
    %v4 = irdl.any_of(%v4i, %v4f)
    %v5i = irdl.base "#builtin.integer"
    %v5f = irdl.base "#builtin.float"
    %v5 = irdl.any_of(%v5i, %v5f)
    irdl.operands(self: %v0, batch1: %v1, batch2: %v2)
    irdl.results(result: %v3)
    irdl.attributes {"beta" = %v4, "alpha" = %v5}
  }
  irdl.operation @scaled_dot_product_attention {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "!builtin.tensor"
    %v5 = irdl.base "#builtin.float"
    %v6i = irdl.is true
    %v6f = irdl.is false
    %v6 = irdl.any_of(%v6i, %v6f)
    %v7 = irdl.base "#builtin.float"
    %v8i = irdl.is true
    %v8f = irdl.is false
    %v8 = irdl.any_of(%v8i, %v8f)
    irdl.operands(query: %v0, key: %v1, value: %v2, attn_mask: optional %v3)
    irdl.results(result: %v4)
    irdl.attributes {"dropout_p" = %v5, "is_causal" = %v6, "scale" = %v7, "enable_gqa" = %v8}
  }
  irdl.operation @conv1d {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "#builtin.dense_array"
    %v5 = irdl.base "#builtin.dense_array"
    %v6 = irdl.base "#builtin.dense_array"
    %v7 = irdl.base "#builtin.integer"
    irdl.operands(input: %v0, weight: %v1, bias: optional %v2)
    irdl.results(result: %v3)
    irdl.attributes {"stride" = %v4, "padding" = %v5, "dilation" = %v6, "groups" = %v7}
  }
  irdl.operation @conv2d {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "#builtin.dense_array"
    %v5 = irdl.base "#builtin.dense_array"
    %v6 = irdl.base "#builtin.dense_array"
    %v7 = irdl.base "#builtin.integer"
    irdl.operands(input: %v0, weight: %v1, bias: optional %v2)
    irdl.results(result: %v3)
    irdl.attributes {"stride" = %v4, "padding" = %v5, "dilation" = %v6, "groups" = %v7}
  }
  irdl.operation @convolution {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "#builtin.dense_array"
    %v5 = irdl.base "#builtin.dense_array"
    %v6 = irdl.base "#builtin.dense_array"
    %v7i = irdl.is true
    %v7f = irdl.is false
    %v7 = irdl.any_of(%v7i, %v7f)
    %v8 = irdl.base "#builtin.dense_array"
    %v9 = irdl.base "#builtin.integer"
    irdl.operands(input: %v0, weight: %v1, bias: optional %v2)
    irdl.results(result: %v3)
    irdl.attributes {"stride" = %v4, "padding" = %v5, "dilation" = %v6, "transposed" = %v7, "output_padding" = %v8, "groups" = %v9}
  }
  // Normalization.
  irdl.operation @batch_norm {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "!builtin.tensor"
    %v5 = irdl.base "!builtin.tensor"
    %v6i = irdl.is true
    %v6f = irdl.is false
    %v6 = irdl.any_of(%v6i, %v6f)
    %v7 = irdl.base "#builtin.float"
    %v8 = irdl.base "#builtin.float"
    %v9i = irdl.is true
    %v9f = irdl.is false
    %v9 = irdl.any_of(%v9i, %v9f)
    irdl.operands(input: %v0, weight: optional %v1, bias: optional %v2, running_mean: optional %v3, running_var: optional %v4)
    irdl.results(result: %v5)
    irdl.attributes {"training" = %v6, "momentum" = %v7, "eps" = %v8, "cudnn_enabled" = %v9}
  }
  irdl.operation @native_batch_norm_legit_no_training {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "!builtin.tensor"
    %v5 = irdl.base "!builtin.tensor"
    %v6 = irdl.base "!builtin.tensor"
    %v7 = irdl.base "!builtin.tensor"
    %v8 = irdl.base "#builtin.float"
    %v9 = irdl.base "#builtin.float"
    irdl.operands(input: %v0, weight: optional %v1, bias: optional %v2, running_mean: %v3, running_var: %v4)
    irdl.results(result: %v5, save_mean: %v6, save_invstd: %v7)
    irdl.attributes {"momentum" = %v8, "eps" = %v9}
  }
  irdl.operation @layer_norm {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "#builtin.dense_array"
    %v5 = irdl.base "#builtin.float"
    %v6i = irdl.is true
    %v6f = irdl.is false
    %v6 = irdl.any_of(%v6i, %v6f)
    irdl.operands(input: %v0, weight: optional %v1, bias: optional %v2)
    irdl.results(result: %v3)
    irdl.attributes {"normalized_shape" = %v4, "eps" = %v5, "cudnn_enable" = %v6}
  }
  irdl.operation @native_layer_norm {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "!builtin.tensor"
    %v5 = irdl.base "!builtin.tensor"
    %v6 = irdl.base "#builtin.dense_array"
    %v7 = irdl.base "#builtin.float"
    irdl.operands(input: %v0, weight: optional %v1, bias: optional %v2)
    irdl.results(result: %v3, mean: %v4, rstd: %v5)
    irdl.attributes {"normalized_shape" = %v6, "eps" = %v7}
  }
  irdl.operation @group_norm {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "#builtin.integer"
    %v5 = irdl.base "#builtin.float"
    %v6i = irdl.is true
    %v6f = irdl.is false
    %v6 = irdl.any_of(%v6i, %v6f)
    irdl.operands(input: %v0, weight: optional %v1, bias: optional %v2)
    irdl.results(result: %v3)
    irdl.attributes {"num_groups" = %v4, "eps" = %v5, "cudnn_enabled" = %v6}
  }
  irdl.operation @native_group_norm {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "!builtin.tensor"
    %v5 = irdl.base "!builtin.tensor"
    %v6 = irdl.base "#builtin.integer"
    %v7 = irdl.base "#builtin.integer"
    %v8 = irdl.base "#builtin.integer"
    %v9 = irdl.base "#builtin.integer"
    %v10 = irdl.base "#builtin.float"
    irdl.operands(input: %v0, weight: optional %v1, bias: optional %v2)
    irdl.results(result: %v3, mean: %v4, rstd: %v5)
    irdl.attributes {"N" = %v6, "C" = %v7, "HxW" = %v8, "group" = %v9, "eps" = %v10}
  }
  irdl.operation @rms_norm {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "#builtin.dense_array"
    %v4 = irdl.base "#builtin.float"
    irdl.operands(input: %v0, weight: optional %v1)
    irdl.results(result: %v2)
    irdl.attributes {"normalized_shape" = %v3, "eps" = %v4}
  }
  // Pooling.
  irdl.operation @max_pool2d {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    %v3 = irdl.base "#builtin.dense_array"
    %v4 = irdl.base "#builtin.dense_array"
    %v5 = irdl.base "#builtin.dense_array"
    %v6i = irdl.is true
    %v6f = irdl.is false
    %v6 = irdl.any_of(%v6i, %v6f)
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"kernel_size" = %v2, "stride" = %v3, "padding" = %v4, "dilation" = %v5, "ceil_mode" = %v6}
  }
  irdl.operation @max_pool2d_with_indices {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "#builtin.dense_array"
    %v4 = irdl.base "#builtin.dense_array"
    %v5 = irdl.base "#builtin.dense_array"
    %v6 = irdl.base "#builtin.dense_array"
    %v7i = irdl.is true
    %v7f = irdl.is false
    %v7 = irdl.any_of(%v7i, %v7f)
    irdl.operands(self: %v0)
    irdl.results(result: %v1, indices: %v2)
    irdl.attributes {"kernel_size" = %v3, "stride" = %v4, "padding" = %v5, "dilation" = %v6, "ceil_mode" = %v7}
  }
  irdl.operation @avg_pool2d {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    %v3 = irdl.base "#builtin.dense_array"
    %v4 = irdl.base "#builtin.dense_array"
    %v5i = irdl.is true
    %v5f = irdl.is false
    %v5 = irdl.any_of(%v5i, %v5f)
    %v6i = irdl.is true
    %v6f = irdl.is false
    %v6 = irdl.any_of(%v6i, %v6f)
    %v7 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"kernel_size" = %v2, "stride" = %v3, "padding" = %v4, "ceil_mode" = %v5, "count_include_pad" = %v6, "divisor_override" = %v7}
  }
  irdl.operation @adaptive_avg_pool2d {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"output_size" = %v2}
  }
  irdl.operation @dropout {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.float"
    %v3i = irdl.is true
    %v3f = irdl.is false
    %v3 = irdl.any_of(%v3i, %v3f)
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"p" = %v2, "train" = %v3}
  }
  // Shapes and views (value semantics: every view is a new tensor).
  irdl.operation @view {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"size" = %v2}
  }
  irdl.operation @reshape {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"shape" = %v2}
  }
  irdl.operation @permute {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dims" = %v2}
  }
  irdl.operation @transpose {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.integer"
    %v3 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim0" = %v2, "dim1" = %v3}
  }
  irdl.operation @t {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @expand {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"size" = %v2}
  }
  irdl.operation @unsqueeze {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim" = %v2}
  }
  irdl.operation @squeeze {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim" = %v2}
  }
  irdl.operation @flatten {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.integer"
    %v3 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"start_dim" = %v2, "end_dim" = %v3}
  }
  irdl.operation @slice {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.integer"
    %v3 = irdl.base "#builtin.integer"
    %v4 = irdl.base "#builtin.integer"
    %v5 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim" = %v2, "start" = %v3, "end" = %v4, "step" = %v5}
  }
  irdl.operation @select {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.integer"
    %v3 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim" = %v2, "index" = %v3}
  }
  irdl.operation @cat {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0, other: %v1)
    irdl.results(result: %v2)
    irdl.attributes {"dim" = %v3}
  }
  irdl.operation @clone {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @contiguous {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @alias {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  // Indexing.
  irdl.operation @embedding {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "#builtin.integer"
    %v4i = irdl.is true
    %v4f = irdl.is false
    %v4 = irdl.any_of(%v4i, %v4f)
    %v5i = irdl.is true
    %v5f = irdl.is false
    %v5 = irdl.any_of(%v5i, %v5f)
    irdl.operands(weight: %v0, indices: %v1)
    irdl.results(result: %v2)
    irdl.attributes {"padding_idx" = %v3, "scale_grad_by_freq" = %v4, "sparse" = %v5}
  }
  irdl.operation @gather {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "#builtin.integer"
    %v4i = irdl.is true
    %v4f = irdl.is false
    %v4 = irdl.any_of(%v4i, %v4f)
    irdl.operands(self: %v0, index: %v1)
    irdl.results(result: %v2)
    irdl.attributes {"dim" = %v3, "sparse_grad" = %v4}
  }
  irdl.operation @index {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0, index: %v1)
    irdl.results(result: %v2)
    irdl.attributes {"dim" = %v3}
  }
  irdl.operation @index_select {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "#builtin.integer"
    irdl.operands(self: %v0, index: %v1)
    irdl.results(result: %v2)
    irdl.attributes {"dim" = %v3}
  }
  // Conversions and factories (dtype and shape come from the result type).
  irdl.operation @to_copy {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @arange {
    %v0 = irdl.base "!builtin.tensor"
    %v1i = irdl.base "#builtin.integer"
    %v1f = irdl.base "#builtin.float"
    %v1 = irdl.any_of(%v1i, %v1f)
    %v2i = irdl.base "#builtin.integer"
    %v2f = irdl.base "#builtin.float"
    %v2 = irdl.any_of(%v2i, %v2f)
    %v3i = irdl.base "#builtin.integer"
    %v3f = irdl.base "#builtin.float"
    %v3 = irdl.any_of(%v3i, %v3f)
    irdl.operands()
    irdl.results(result: %v0)
    irdl.attributes {"start" = %v1, "end" = %v2, "step" = %v3}
  }
  irdl.operation @full {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "#builtin.dense_array"
    %v2i = irdl.base "#builtin.integer"
    %v2f = irdl.base "#builtin.float"
    %v2 = irdl.any_of(%v2i, %v2f)
    irdl.operands()
    irdl.results(result: %v0)
    irdl.attributes {"size" = %v1, "fill_value" = %v2}
  }
  irdl.operation @full_like {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2i = irdl.base "#builtin.integer"
    %v2f = irdl.base "#builtin.float"
    %v2 = irdl.any_of(%v2i, %v2f)
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"fill_value" = %v2}
  }
  irdl.operation @zeros {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "#builtin.dense_array"
    irdl.operands()
    irdl.results(result: %v0)
    irdl.attributes {"size" = %v1}
  }
  irdl.operation @ones {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "#builtin.dense_array"
    irdl.operands()
    irdl.results(result: %v0)
    irdl.attributes {"size" = %v1}
  }
  irdl.operation @new_ones {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    irdl.operands(self: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"size" = %v2}
  }
  irdl.operation @scalar_tensor {
    %v0 = irdl.base "!builtin.tensor"
    %v1i = irdl.base "#builtin.integer"
    %v1f = irdl.base "#builtin.float"
    %v1 = irdl.any_of(%v1i, %v1f)
    irdl.operands()
    irdl.results(result: %v0)
    irdl.attributes {"s" = %v1}
  }
  // Recurrent: one layer, one direction; the importer chains layers.
  irdl.operation @lstm {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "!builtin.tensor"
    %v5 = irdl.base "!builtin.tensor"
    %v6 = irdl.base "!builtin.tensor"
    %v7 = irdl.base "!builtin.tensor"
    %v8 = irdl.base "!builtin.tensor"
    %v9 = irdl.base "!builtin.tensor"
    %v10i = irdl.is true
    %v10f = irdl.is false
    %v10 = irdl.any_of(%v10i, %v10f)
    %v11 = irdl.base "#builtin.integer"
    %v12 = irdl.base "#builtin.float"
    %v13i = irdl.is true
    %v13f = irdl.is false
    %v13 = irdl.any_of(%v13i, %v13f)
    %v14i = irdl.is true
    %v14f = irdl.is false
    %v14 = irdl.any_of(%v14i, %v14f)
    %v15i = irdl.is true
    %v15f = irdl.is false
    %v15 = irdl.any_of(%v15i, %v15f)
    irdl.operands(input: %v0, h0: %v1, c0: %v2, w_ih: %v3, w_hh: %v4, b_ih: optional %v5, b_hh: optional %v6)
    irdl.results(output: %v7, h_n: %v8, c_n: %v9)
    irdl.attributes {"has_biases" = %v10, "num_layers" = %v11, "dropout" = %v12, "train" = %v13, "bidirectional" = %v14, "batch_first" = %v15}
  }
}
