// RUN: mly-translate --mlir-to-spirv --target-option=emit=text %s | FileCheck %s
// RUN: mly-translate --mlir-to-spirv %s -o %t.spv
// RUN: spirv-val --target-env vulkan1.1 %t.spv
// One kernel through the spirv target: the entry point's workgroup size
// from known_block_size, the workgroup attribution as a Workgroup
// variable, gpu.barrier as a control barrier, erf as a polynomial with
// exp (GLSL.std.450 has no erf), an i1 buffer as bytes (i8, 0 or 1),
// i32 indices; only what it uses is required.

// CHECK: spirv.module @__spv__kernels Logical GLSL450 requires #spirv.vce<v1.0, [Shader, StorageBuffer8BitAccess, Int8, Matrix], [SPV_KHR_storage_buffer_storage_class, SPV_KHR_8bit_storage]>
// CHECK-DAG: spirv.GlobalVariable @__workgroup_mem__0 : !spirv.ptr<!spirv.struct<(!spirv.array<64 x f32>)>, Workgroup>
// CHECK-DAG: spirv.GlobalVariable @k_arg_0 bind(0, 0) : !spirv.ptr<!spirv.struct<(!spirv.array<64 x f32, stride=4> [0])>, StorageBuffer>
// CHECK-DAG: spirv.GlobalVariable @k_arg_1 bind(0, 1) : !spirv.ptr<!spirv.struct<(!spirv.array<64 x i8, stride=1> [0])>, StorageBuffer>
// CHECK-DAG: spirv.GlobalVariable @k_arg_2 bind(0, 2) : !spirv.ptr<!spirv.struct<(!spirv.array<64 x f32, stride=4> [0])>, StorageBuffer>
// CHECK: spirv.func @k()
// CHECK: spirv.Constant 0.327591091 : f32
// CHECK: spirv.GL.FAbs
// CHECK: spirv.GL.Exp
// CHECK: spirv.Store "Workgroup"
// CHECK: spirv.ControlBarrier <Workgroup>, <Workgroup>, <AcquireRelease|WorkgroupMemory>
// CHECK: %[[B:.*]] = spirv.Load "StorageBuffer" %{{.*}} : i8
// CHECK: spirv.INotEqual %[[B]], %{{.*}} : i8
// CHECK: spirv.EntryPoint "GLCompute" @k, @__builtin__LocalInvocationId__
// CHECK: spirv.ExecutionMode @k "LocalSize", 64, 1, 1
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%a: memref<64xf32>, %m: memref<64xi1>, %out: memref<64xf32>) workgroup(%wg : memref<64xf32, #gpu.address_space<workgroup>>) kernel attributes {known_block_size = array<i32: 64, 1, 1>} {
      %t = gpu.thread_id x
      %x = memref.load %a[%t] : memref<64xf32>
      %e = math.erf %x : f32
      memref.store %e, %wg[%t] : memref<64xf32, #gpu.address_space<workgroup>>
      gpu.barrier
      %c63 = arith.constant 63 : index
      %r = arith.subi %c63, %t : index
      %y = memref.load %wg[%r] : memref<64xf32, #gpu.address_space<workgroup>>
      %b = memref.load %m[%t] : memref<64xi1>
      %z = arith.constant 0.0 : f32
      %s = arith.select %b, %y, %z : f32
      memref.store %s, %out[%t] : memref<64xf32>
      gpu.return
    }
  }
}
