import type { NoteErratum } from '../../lib/docs/errata';

/** Outdated statements in the notes that lab-03 relies on, with what AWS says now. */
export const errata: NoteErratum[] = [
  {
    note: '004_290acbaf18f7d933.txt',
    says: 'cooldown: "Default is 300s", "Automatically applies to dynamic scaling"',
    now: "The group's cooldown holds back every activity of simple scaling policies. Target tracking and step scaling scale out at once and use instance warmup instead (the default instance warmup, or the cooldown's value when none is set); AWS exempts only their scale-out, so a scale-in can still wait for the cooldown.",
    sources: [
      'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scaling-cooldowns.html',
      'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-default-instance-warmup.html',
    ],
    examTrap:
      '"increase the cooldown" is the right answer for simple scaling; for target tracking that adds instances too early, the answer is the instance warmup.',
  },
  {
    note: '001_06aa89305e27a1ca.txt',
    says: '"AZs will be balanced first, then the instance with the oldest launch configuration within that AZ will be terminated"',
    now: 'After balancing the AZs, the default policy picks instances with an outdated configuration (a launch configuration, another launch template, or the oldest version of the current template), then the one closest to the next billing hour.',
    sources: [
      'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-termination-policies.html',
    ],
    examTrap: 'older banks list only launch configurations; the order (AZ balance first) still holds.',
  },
  {
    note: '001_06aa89305e27a1ca.txt',
    says: 'Launch configurations are how an ASG launches instances ("immutable ... attach it to the ASG")',
    now: 'Launch configurations are deprecated: accounts created on or after 1 October 2024 cannot create them. Use launch templates (versioned), as this lab does.',
    sources: ['https://docs.aws.amazon.com/autoscaling/ec2/userguide/launch-configurations.html'],
    examTrap: 'answers built on launch configurations are legacy; prefer launch templates.',
  },
];
