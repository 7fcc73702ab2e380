#!/bin/sh
# PID 1 of a lab guest (after the initramfs): mounts what a learner's Debian
# mounts at boot (proc, sys, tracefs, bpffs, securityfs, cgroup2, devpts) and
# tmpfs wherever the workshop writes (the userland is read-only), runs the
# command the host left in /taller/.lab/command, records its status and powers off.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb
mount -t proc proc /proc
mount -t sysfs sys /sys
for d in /run /tmp /root /var/tmp /var/cache /var/lib/apt; do mount -t tmpfs -o mode=0755 tmpfs "$d" 2>/dev/null; done
chmod 1777 /tmp /var/tmp
chmod 0700 /root
mkdir -p /dev/pts /dev/shm
mount -t devpts -o ptmxmode=0666,mode=0620 devpts /dev/pts
ln -sf pts/ptmx /dev/ptmx
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
mount -t securityfs securityfs /sys/kernel/security
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing
mount -t bpf bpf /sys/fs/bpf
mount -t cgroup2 cgroup2 /sys/fs/cgroup
ip link set lo up
hostname taller-lab
echo "lab-guest: up in $(cut -d' ' -f1 /proc/uptime) s, kernel $(uname -r)"
cd /taller
sh /taller/.lab/command
echo $? > /taller/.lab/status
sync
# Power off now (busybox calls reboot(2) itself): PID 1 must never return, or the kernel panics.
exec busybox poweroff -f
