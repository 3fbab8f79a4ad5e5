package berth.elb; final class Placeholder {}
