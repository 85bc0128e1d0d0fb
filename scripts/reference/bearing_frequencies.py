#!/usr/bin/env python3
"""Bearing defect frequencies per shaft revolution, the golden values of
Tests/FirmwareSimulatorTests/SignalTests.swift (bearingFaultFrequenciesFollowTheGeometry).

SKF 6205 deep-groove ball bearing: 9 balls of 7.94 mm on a 39.04 mm pitch circle, contact angle 0.
BPFO = n/2 (1 - d/D cos phi), BPFI = n/2 (1 + d/D cos phi); SKF lists 3.585 and 5.415.
"""
import math

n, d, pitch, phi = 9, 7.94, 39.04, 0.0
ratio = d / pitch * math.cos(phi)
print(f"bpfo_order {n / 2 * (1 - ratio):.4f}")
print(f"bpfi_order {n / 2 * (1 + ratio):.4f}")
