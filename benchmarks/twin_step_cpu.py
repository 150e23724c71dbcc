"""Main-thread CPU time per step of the PyTorch twin at 1 thread (what benchmarks/StepCpuBench.java measures for gan4j).

   ./gan4j bench CONFIG --no-pytorch --twin-spec /tmp/spec.json --steps 1 --warmup 1 --warmup-seconds 0
   /usr/bin/python3 benchmarks/twin_step_cpu.py /tmp/spec.json 10 30        (SPEC WARMUP STEPS)
"""
import sys, time
sys.path.insert(0, __import__('os').path.dirname(__import__('os').path.abspath(__file__)))
import torch, pytorch_reference as ref
ref.set_threads(1)
spec = ref.read_spec(sys.argv[1])
nets, step, batch = ref.build(spec)
for _ in range(int(sys.argv[2])): step()
n = int(sys.argv[3]); c0 = time.thread_time(); w0 = time.perf_counter()
for _ in range(n): step()
print("twin main %.1f ms/step  wall %.1f ms/step" % ((time.thread_time() - c0) * 1000 / n, (time.perf_counter() - w0) * 1000 / n))
